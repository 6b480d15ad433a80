package io.cygnetci.monitoring.statistics.web;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;

import io.cygnetci.monitoring.support.MonitoringApi;
import io.cygnetci.platform.test.jwt.TestUser;
import io.cygnetci.monitoring.support.MonitoringServiceTest;
import io.cygnetci.platform.events.CloudEventRecords;
import io.cygnetci.platform.test.kafka.KafkaServer;
import io.cygnetci.platform.test.kafka.TestProducer;
import io.cygnetci.platform.test.kafka.TopicRecorder;
import io.cygnetci.platform.test.jwt.TestJwts;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static io.cygnetci.monitoring.support.MonitoringApi.PATIENCE;
import static io.cygnetci.monitoring.support.MonitoringApi.publishAgent;
import static io.cygnetci.monitoring.support.MonitoringApi.publishDeployment;
import static io.cygnetci.monitoring.support.MonitoringApi.publishFinished;
import static io.cygnetci.monitoring.support.MonitoringApi.publishMembership;
import static io.cygnetci.monitoring.support.MonitoringApi.publishPipeline;
import static io.cygnetci.monitoring.support.MonitoringApi.publishQueued;
import static io.cygnetci.monitoring.support.MonitoringApi.publishRelease;
import static io.cygnetci.monitoring.support.MonitoringApi.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The dashboard's numbers, built from the other services' events: exact, unchanged by redelivery, per tenant. */
class StatisticsIntegrationTests extends MonitoringServiceTest {

    @Test
    void whenTheOtherServicesPublishThenTheStatisticsCountWhatHappenedToThisTenantOnly() {
        UUID tenant = UUID.randomUUID();
        UUID other = UUID.randomUUID();
        TestUser viewer = user(tenant, "viewer");
        Estate mine = publishEstate(tenant);
        publishEstate(other);

        await().atMost(PATIENCE).until(() -> api.statistics(viewer, tenant).get("users").get("total").asLong() == 2
                && api.statistics(viewer, tenant).get("executions").get("succeeded").asLong() == 3);
        JsonNode stats = api.statistics(viewer, tenant);
        assertThat(stats.get("tenant_id").asString()).isEqualTo(tenant.toString());
        assertThat(stats.get("agents").get("total").asLong()).isEqualTo(2);
        assertThat(stats.get("agents").get("online").asLong()).isEqualTo(1);
        assertThat(stats.get("pipelines").get("total").asLong()).isEqualTo(1);
        assertThat(stats.get("executions").get("total").asLong()).isEqualTo(4);
        assertThat(stats.get("executions").get("failed").asLong()).isEqualTo(1);
        assertThat(stats.get("executions").get("success_rate").asDouble()).isEqualTo(0.75);
        assertThat(stats.get("releases").get("total").asLong()).isEqualTo(2);
        assertThat(stats.get("releases").get("active").asLong()).isEqualTo(1);
        assertThat(stats.get("services").get("total").asLong()).isZero();
        assertThat(stats.get("users").get("total").asLong()).isEqualTo(2);

        // redelivered events (same ids) change nothing
        MonitoringApi.publish("cygnetci.pipeline-executions.v1", tenant, mine.pipeline,
                "io.cygnetci.execution.finished.v1", mine.finishedEventId, mine.finishedData);
        // the removed member's "added" again: re-adding it would count three users
        MonitoringApi.publish("cygnetci.tenants.v1", tenant, mine.removedUser, "io.cygnetci.membership.added.v1",
                mine.addedEventId, Map.of("tenant_id", tenant.toString(), "user_id", mine.removedUser.toString(),
                        "role", "member", "occurred_at", Instant.now().toString()));
        UUID marker = UUID.randomUUID();
        publishPipeline(tenant, marker, "Marker", "created");
        await().atMost(PATIENCE).until(() -> api.statistics(viewer, tenant).get("pipelines").get("total")
                .asLong() == 2);
        JsonNode after = api.statistics(viewer, tenant);
        assertThat(after.get("executions")).isEqualTo(stats.get("executions"));
        assertThat(after.get("users")).isEqualTo(stats.get("users"));
    }

    @Test
    void whenAnotherTenantsUserAsksThenItIsNotFoundAndAPlatformAdminMayRead() {
        UUID tenant = UUID.randomUUID();
        publishPipeline(tenant, UUID.randomUUID(), "Build API", "created");
        TestUser stranger = user(UUID.randomUUID(), "tenant_admin");
        String text = client.get().uri("/api/v1/tenants/{id}/statistics", tenant).headers(stranger.auth()).exchange()
                .expectStatus().isNotFound().expectBody(String.class).returnResult().getResponseBody();
        assertThat(text).doesNotContain("Build API");

        String operator = new TestJwts(MonitoringApi.USER_ISSUER).user(UUID.randomUUID()).roles("platform_admin")
                .sign();
        await().atMost(PATIENCE).until(() -> client.get().uri("/api/v1/tenants/{id}/statistics", tenant)
                .headers(h -> h.setBearerAuth(operator)).exchange().expectStatus().isOk()
                .expectBody(JsonNode.class).returnResult().getResponseBody().get("pipelines").get("total")
                .asLong() == 1);
    }

    @Test
    void whenAnEventIsMalformedThenItGoesToTheDeadLetterTopicAndLaterEventsStillCount() throws Exception {
        UUID tenant = UUID.randomUUID();
        UUID poison = UUID.randomUUID();
        try (TopicRecorder dlt = new TopicRecorder(KafkaServer.bootstrapServers(), "cygnetci.agents.v1.dlt")) {
            TestProducer.send(CloudEventRecords.toRecord("cygnetci.agents.v1", tenant.toString(), poison,
                    URI.create("/cygnetci/test"), "io.cygnetci.agent.online.v1", UUID.randomUUID().toString(), tenant,
                    OffsetDateTime.now(ZoneOffset.UTC), "{not json".getBytes(StandardCharsets.UTF_8)));
            publishAgent(tenant, UUID.randomUUID(), "prod-001", "online", "online", Instant.now());

            await().atMost(PATIENCE).until(() -> dlt.records(r -> TopicRecorder.header(r, "ce_id")
                    .filter(poison.toString()::equals).isPresent()).size() == 1);
            await().atMost(PATIENCE).until(() -> api.statistics(user(tenant, "viewer"), tenant).get("agents")
                    .get("online").asLong() == 1);
        }
    }

    /** Two agents (one online), one pipeline, four executions (3 succeeded), two releases (one deploying), two members. */
    private static Estate publishEstate(UUID tenant) {
        UUID online = UUID.randomUUID();
        UUID offline = UUID.randomUUID();
        publishAgent(tenant, online, "prod-001", "registered", "never_connected", Instant.now());
        publishAgent(tenant, online, "prod-001", "online", "online", Instant.now());
        publishAgent(tenant, offline, "dev-001", "registered", "never_connected", Instant.now());
        publishAgent(tenant, offline, "dev-001", "online", "online", Instant.now());
        publishAgent(tenant, offline, "dev-001", "offline", "offline", Instant.now());
        UUID pipeline = UUID.randomUUID();
        publishPipeline(tenant, pipeline, "Build API", "created");
        Estate estate = new Estate();
        estate.pipeline = pipeline;
        for (int i = 0; i < 4; i++) {
            UUID execution = UUID.randomUUID();
            publishQueued(tenant, pipeline, execution, "Build API");
            if (i < 3) {
                publishFinished(tenant, pipeline, execution, "Build API", online, "succeeded", 60_000, Instant.now());
            }
            else {
                estate.finishedEventId = UUID.randomUUID();
                estate.finishedData = Map.of("execution_id", execution.toString(), "tenant_id", tenant.toString(),
                        "pipeline_id", pipeline.toString(), "pipeline_name", "Build API", "number", 4, "status",
                        "failed", "queued_at", Instant.now().toString(), "finished_at", Instant.now().toString(),
                        "occurred_at", Instant.now().toString());
                MonitoringApi.publish("cygnetci.pipeline-executions.v1", tenant, execution,
                        "io.cygnetci.execution.finished.v1", estate.finishedEventId, estate.finishedData);
            }
        }
        UUID deploying = UUID.randomUUID();
        publishRelease(tenant, deploying, "v2.0", "2.0.0", "created");
        publishRelease(tenant, UUID.randomUUID(), "v1.0", "1.0.0", "created");
        publishDeployment(tenant, deploying, "v2.0", "Dev", "started", "running");
        UUID stays = UUID.randomUUID();
        estate.removedUser = UUID.randomUUID();
        publishMembership(tenant, stays, "added", "tenant_admin");
        publishMembership(tenant, UUID.randomUUID(), "added", "viewer");
        estate.addedEventId = publishMembership(tenant, estate.removedUser, "added", "member");
        MonitoringApi.publish("cygnetci.tenants.v1", tenant, estate.removedUser, "io.cygnetci.membership.removed.v1",
                UUID.randomUUID(), Map.of("tenant_id", tenant.toString(), "user_id",
                        estate.removedUser.toString(), "occurred_at", Instant.now().toString()));
        return estate;
    }

    private static final class Estate {
        UUID pipeline;
        UUID finishedEventId;
        Map<String, Object> finishedData;
        UUID removedUser;
        UUID addedEventId;
    }
}
