package io.cygnetci.monitoring.support;

import io.cygnetci.platform.data.TenantDatabase;
import io.cygnetci.platform.test.time.MutableClock;
import org.junit.jupiter.api.BeforeEach;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;

/** The base of monitoring-service's integration tests: the running service, and {@link MonitoringApi} over it. */
@MonitoringServiceIntegrationTest
public abstract class MonitoringServiceTest {

    @Autowired
    protected WebTestClient client;

    @Autowired
    protected TenantDatabase database;

    /** The service's clock: it stands still unless a test moves it. */
    @Autowired
    protected MutableClock clock;

    protected MonitoringApi api;

    @BeforeEach
    void createApi() {
        api = new MonitoringApi(client, database);
    }
}
