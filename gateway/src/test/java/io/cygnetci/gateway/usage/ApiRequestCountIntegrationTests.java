package io.cygnetci.gateway.usage;

import java.util.List;
import java.util.UUID;

import io.cygnetci.gateway.support.GatewayIntegrationTest;
import io.cygnetci.platform.test.events.EventSchemas;
import io.cygnetci.platform.test.jwt.TestJwts;
import io.cygnetci.platform.test.kafka.KafkaServer;
import io.cygnetci.platform.test.kafka.TopicRecorder;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The API requests a tenant's bucket admits are counted per minute and published for billing; runner traffic is not. */
class ApiRequestCountIntegrationTests extends GatewayIntegrationTest {

    @Autowired
    ApiRequestCounter counter;

    @Test
    void whenATenantCallsTheApiThenItsRequestsArePublishedPerMinuteWithoutItsRunnersOrOtherTenants()
            throws Exception {
        UUID tenant = UUID.randomUUID();
        UUID other = UUID.randomUUID();
        tenantEvent("created", tenant, "count-" + tenant.toString().substring(0, 8), true, 1000);
        tenantEvent("created", other, "count-" + other.toString().substring(0, 8), true, 1000);
        try (TopicRecorder records = new TopicRecorder(KafkaServer.bootstrapServers(), ApiRequestCounter.TOPIC)) {
            String user = jwts.user(UUID.randomUUID()).tenant(tenant).roles("member").sign();
            for (int i = 0; i < 3; i++) {
                client.get().uri("/api/v1/tenants/current").header("Authorization", "Bearer " + user).exchange()
                        .expectStatus().isOk();
            }
            String agent = new TestJwts(AGENT_ISSUER).user(UUID.randomUUID()).tenant(tenant).roles("agent").sign();
            client.post().uri("/api/v1/jobs/claim").header("Authorization", "Bearer " + agent)
                    .contentType(MediaType.APPLICATION_JSON).bodyValue("{}").exchange().expectStatus().isOk();
            client.get().uri("/api/v1/tenants/current").header("Authorization", "Bearer " + jwts.user(UUID.randomUUID())
                    .tenant(other).roles("viewer").sign()).exchange().expectStatus().isOk();

            // what a stopping gateway does; a running one publishes each minute once it has ended
            counter.publishAll().block();

            await().until(() -> records.records(r -> r.key().equals(tenant.toString())).size() == 1
                    && records.records(r -> r.key().equals(other.toString())).size() == 1);
            List<ConsumerRecord<String, byte[]>> mine = records.records(r -> r.key().equals(tenant.toString()));
            JsonNode data = JsonMapper.shared().readTree(mine.get(0).value());
            assertThat(data.get("requests").asLong()).isEqualTo(3);
            assertThat(TopicRecorder.header(mine.get(0), "ce_type")).contains(ApiRequestCounter.TYPE);
            assertThat(TopicRecorder.header(mine.get(0), "ce_tenantid")).contains(tenant.toString());
            assertThat(EventSchemas.validate(ApiRequestCounter.TYPE, mine.get(0).value())).isEmpty();
            JsonNode theirs = JsonMapper.shared().readTree(records.records(r -> r.key().equals(other.toString()))
                    .get(0).value());
            assertThat(theirs.get("requests").asLong()).isEqualTo(1);
        }
    }
}
