package io.cygnetci.tenant.outbox;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;

import io.cygnetci.platform.test.kafka.KafkaServer;
import io.cygnetci.platform.test.kafka.TcpForwarder;
import io.cygnetci.platform.test.kafka.TopicRecorder;
import io.cygnetci.platform.test.postgres.TestDatabase;
import io.cygnetci.platform.test.postgres.WithPostgres;
import io.cygnetci.tenant.support.TestApi;
import io.cygnetci.tenant.support.TestSigningKey;
import io.cygnetci.tenant.tenant.event.TenantEvents;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static io.cygnetci.platform.test.kafka.TopicRecorder.header;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * With no broker reachable a tenant is still created; once a broker is up behind the service's bootstrap address,
 * its event arrives, exactly once.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "cygnetci.auth.issuer=" + TestApi.ISSUER,
        "cygnetci.bootstrap.platform-admin.email=" + TestApi.ADMIN_EMAIL,
        "cygnetci.bootstrap.platform-admin.password=" + TestApi.ADMIN_PASSWORD,
        "cygnetci.events.relay.max-backoff=1s",
        "cygnetci.events.relay.initial-backoff=200ms",
        "spring.kafka.admin.operation-timeout=2s" })
@AutoConfigureWebTestClient(timeout = "30s")
@WithPostgres(service = "tenant_service")
@ContextConfiguration(initializers = TestSigningKey.class)
class OutboxRecoveryIntegrationTests {

    static final TcpForwarder KAFKA_ADDRESS = new TcpForwarder();

    @DynamicPropertySource
    static void kafka(DynamicPropertyRegistry registry) {
        registry.add("spring.kafka.bootstrap-servers", KAFKA_ADDRESS::address);
    }

    @Autowired
    WebTestClient client;

    @Autowired
    TestDatabase database;

    @Test
    void whenBrokerIsDownThenTenantIsCreatedAndItsEventArrivesOnceTheBrokerIsBack() throws Exception {
        TestApi api = new TestApi(client);
        UUID tenant = api.createTenantId("offline");
        // the relay keeps trying while the broker is down: the event waits in the outbox
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> unsent(tenant) == 1);

        EmbeddedKafkaKraftBroker broker = KafkaServer.embeddedBroker();
        String[] hostPort = broker.getBrokersAsString().split(":");
        KAFKA_ADDRESS.forwardTo(hostPort[0], Integer.parseInt(hostPort[1]));
        try (TopicRecorder recorder = new TopicRecorder(broker.getBrokersAsString(), TenantEvents.TOPIC)) {
            await().atMost(Duration.ofSeconds(60)).until(() -> unsent(tenant) == 0);
            await().atMost(Duration.ofSeconds(30)).until(() -> !created(recorder, tenant).isEmpty());
            // give a duplicate every chance to show up before counting
            await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10))
                    .until(() -> created(recorder, tenant).size() == 1);
        }
        finally {
            KAFKA_ADDRESS.close();
            broker.destroy();
        }
    }

    private static java.util.List<org.apache.kafka.clients.consumer.ConsumerRecord<String, byte[]>> created(
            TopicRecorder recorder, UUID tenant) {
        return recorder.records(r -> TenantEvents.CREATED.equals(header(r, "ce_type").orElse(null))
                && tenant.toString().equals(header(r, "ce_subject").orElse(null)));
    }

    private long unsent(UUID tenant) throws Exception {
        try (Connection sql = database.connectAsSuperuser(); Statement statement = sql.createStatement();
                ResultSet rows = statement.executeQuery("select count(*) from outbox where sent_at is null and "
                        + "event_type = '" + TenantEvents.CREATED + "' and tenant_id = '" + tenant + "'")) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
