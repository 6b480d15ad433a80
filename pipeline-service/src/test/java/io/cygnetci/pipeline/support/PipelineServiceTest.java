package io.cygnetci.pipeline.support;

import io.cygnetci.platform.data.TenantDatabase;
import org.junit.jupiter.api.BeforeEach;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;

/** The base of pipeline-service's integration tests: the running service, and {@link PipelineApi} over it. */
@PipelineServiceIntegrationTest
public abstract class PipelineServiceTest {

    @Autowired
    protected WebTestClient client;

    @Autowired
    protected TenantDatabase database;

    protected PipelineApi api;

    @BeforeEach
    void createApi() {
        api = new PipelineApi(client, database);
    }
}
