package io.cygnetci.monitoring.usage.web;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.cygnetci.monitoring.support.MonitoringApi;
import io.cygnetci.platform.test.jwt.TestUser;
import io.cygnetci.monitoring.support.MonitoringServiceTest;
import io.cygnetci.monitoring.usage.domain.Meter;
import io.cygnetci.monitoring.usage.domain.UsageWindows;
import io.cygnetci.platform.test.events.EventSchemas;
import io.cygnetci.platform.test.kafka.KafkaServer;
import io.cygnetci.platform.test.kafka.TopicRecorder;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static io.cygnetci.monitoring.support.MonitoringApi.PATIENCE;
import static io.cygnetci.monitoring.support.MonitoringApi.publishAgent;
import static io.cygnetci.monitoring.support.MonitoringApi.publishDeployment;
import static io.cygnetci.monitoring.support.MonitoringApi.publishFinished;
import static io.cygnetci.monitoring.support.MonitoringApi.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Usage for billing: metered from events, published once per closed window under a stable id, totals that add up. */
class UsageIntegrationTests extends MonitoringServiceTest {

    @Test
    void whenExecutionsAgentsAndDeploymentsHappenThenTheirUsageIsMeteredPublishedOnceAndTotalled() throws Exception {
        UUID tenant = UUID.randomUUID();
        UUID other = UUID.randomUUID();
        TestUser admin = user(tenant, "tenant_admin");
        // the service's clock decides which window usage falls in and when windows close
        Instant hour = clock.instant().truncatedTo(ChronoUnit.HOURS).plus(Duration.ofHours(1));
        clock.set(hour.plus(Duration.ofMinutes(10)));
        try (TopicRecorder records = new TopicRecorder(KafkaServer.bootstrapServers(), "cygnetci.usage.v1")) {
            UUID pipeline = UUID.randomUUID();
            UUID execution = UUID.randomUUID();
            Map<String, Object> finished = finishedData(tenant, pipeline, execution, 90_500, hour.plusSeconds(300));
            UUID finishedEvent = UUID.randomUUID();
            MonitoringApi.publish("cygnetci.pipeline-executions.v1", tenant, execution,
                    "io.cygnetci.execution.finished.v1", finishedEvent, finished);
            publishFinished(tenant, pipeline, UUID.randomUUID(), "Build API", null, "failed", 30_000,
                    hour.plusSeconds(400));
            publishFinished(other, pipeline, UUID.randomUUID(), "Their build", null, "succeeded", 600_000,
                    hour.plusSeconds(400));
            UUID release = UUID.randomUUID();
            publishDeployment(tenant, release, "v2.0", "Dev", "started", "running", hour.plusSeconds(100));
            publishDeployment(tenant, release, "v2.0", "QA", "started", "running", hour.plusSeconds(200));
            publishDeployment(tenant, release, "v2.0", "QA", "succeeded", "succeeded", hour.plusSeconds(300));
            // an agent online from :02 to :07, and another online from :08 that stays online
            UUID agent = UUID.randomUUID();
            publishAgent(tenant, agent, "prod-001", "online", "online", hour.plus(Duration.ofMinutes(2)));
            publishAgent(tenant, agent, "prod-001", "offline", "offline", hour.plus(Duration.ofMinutes(7)));
            UUID staying = UUID.randomUUID();
            publishAgent(tenant, staying, "prod-002", "online", "online", hour.plus(Duration.ofMinutes(8)));

            // the gateway's count of API requests in one minute, sent twice (same id)
            Map<String, Object> counted = Map.of("tenant_id", tenant.toString(), "requests", 40, "window_start",
                    hour.plusSeconds(60).toString(), "window_end", hour.plusSeconds(120).toString(),
                    "gateway_replica", UUID.randomUUID().toString(), "occurred_at", hour.plusSeconds(125).toString());
            UUID countedEvent = UUID.randomUUID();
            for (int i = 0; i < 2; i++) {
                MonitoringApi.publish("cygnetci.api-requests.v1", tenant, tenant,
                        "io.cygnetci.gateway.requests-counted.v1", countedEvent, counted);
            }

            // a redelivered execution changes nothing
            MonitoringApi.publish("cygnetci.pipeline-executions.v1", tenant, execution,
                    "io.cygnetci.execution.finished.v1", finishedEvent, finished);

            Instant from = hour;
            Instant to = hour.plus(Duration.ofHours(3));
            await().atMost(PATIENCE).untilAsserted(() -> assertThat(meters(api.usage(admin, from, to)))
                    .hasEntrySatisfying("deployments", q -> assertThat(q).isEqualByComparingTo("2"))
                    .hasEntrySatisfying("agent_minutes", q -> assertThat(q).isPositive()));
            // the agent still online is metered up to the service's "now" (:10): 5 + 2 minutes
            await().atMost(PATIENCE).untilAsserted(() -> assertThat(meters(api.usage(admin, from, to))
                    .get("agent_minutes")).isEqualByComparingTo("7.000"));
            await().atMost(PATIENCE).untilAsserted(() -> assertThat(meters(api.usage(admin, from, to))
                    .get("api_requests")).isEqualByComparingTo("40"));
            Map<String, BigDecimal> totals = meters(api.usage(admin, from, to));
            assertThat(totals.get("build_minutes")).isEqualByComparingTo("2.008"); // 90.5 s + 30 s
            assertThat(totals.get("deployments")).isEqualByComparingTo("2");
            assertThat(totals.get("api_requests")).isEqualByComparingTo("40");

            // the window closes, and after its grace it is published: one record per meter, with the derived id
            clock.set(hour.plus(Duration.ofMinutes(63)));
            await().atMost(PATIENCE).until(() -> records.records(r -> r.key().equals(tenant.toString())).size() == 4);
            Map<String, ConsumerRecord<String, byte[]>> byMeter = records.records(r -> r.key().equals(tenant
                    .toString())).stream().collect(Collectors.toMap(r -> MonitoringApi.json(r.value()).get("meter")
                    .asString(), Function.identity()));
            assertThat(byMeter).containsOnlyKeys("build_minutes", "deployments", "agent_minutes", "api_requests");
            for (ConsumerRecord<String, byte[]> record : byMeter.values()) {
                JsonNode data = MonitoringApi.json(record.value());
                UUID expectedId = UsageWindows.recordId(tenant, Meter.of(data.get("meter").asString()).orElseThrow(),
                        hour);
                assertThat(TopicRecorder.header(record, "ce_id")).contains(expectedId.toString());
                assertThat(data.get("record_id").asString()).isEqualTo(expectedId.toString());
                assertThat(data.get("window_start").asString()).isEqualTo(hour.toString());
                assertThat(data.get("window_end").asString()).isEqualTo(hour.plus(Duration.ofHours(1)).toString());
                assertThat(TopicRecorder.header(record, "ce_type")).contains("io.cygnetci.usage.recorded.v1");
                assertThat(EventSchemas.validate("io.cygnetci.usage.recorded.v1", record.value())).isEmpty();
            }
            // the published agent minutes include the part up to the window's end (:02-:07 and :08-:60)
            assertThat(new BigDecimal(MonitoringApi.json(byMeter.get("agent_minutes").value()).get("quantity")
                    .toString())).isEqualByComparingTo("57.000");
            assertThat(new BigDecimal(MonitoringApi.json(byMeter.get("build_minutes").value()).get("quantity")
                    .toString())).isEqualByComparingTo("2.008");

            // a late execution of the closed window counts in the open one, never re-opening a published record
            publishFinished(tenant, pipeline, UUID.randomUUID(), "Build API", null, "succeeded", 60_000,
                    hour.plusSeconds(900));
            await().atMost(PATIENCE).until(() -> meters(api.usage(admin, from, to)).get("build_minutes")
                    .compareTo(new BigDecimal("3.008")) == 0);
            List<String> published = records.records(r -> r.key().equals(tenant.toString())).stream()
                    .map(r -> TopicRecorder.header(r, "ce_id").orElseThrow()).toList();
            assertThat(published).doesNotHaveDuplicates().hasSize(4);

            JsonNode recordsList = MonitoringApi.body(client.get().uri("/api/v1/usage/records?from={f}&to={t}", from,
                    to).headers(admin.auth()).exchange().expectStatus().isOk());
            assertThat(recordsList.get("items").valueStream().filter(r -> r.get("published").asBoolean()).count())
                    .isEqualTo(4);

            // the other tenant's usage is its own
            assertThat(meters(api.usage(user(other, "tenant_admin"), from, to)).get("build_minutes"))
                    .isEqualByComparingTo("10.000");
        }
    }

    @Test
    void whenTheCallerIsNoAdminOrThePeriodIsWrongThenUsageIsNotShown() {
        UUID tenant = UUID.randomUUID();
        Instant now = clock.instant();
        client.get().uri("/api/v1/usage").headers(user(tenant, "member").auth()).exchange().expectStatus()
                .isForbidden();
        TestUser admin = user(tenant, "tenant_admin");
        client.get().uri("/api/v1/usage?from={f}&to={t}", now, now.minusSeconds(1)).headers(admin.auth()).exchange()
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("from");
        client.get().uri("/api/v1/usage?from={f}&to={t}", now.minus(Duration.ofDays(400)), now).headers(admin.auth())
                .exchange().expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("to");
        client.get().uri("/api/v1/usage?from=yesterday").headers(admin.auth()).exchange().expectStatus()
                .isBadRequest();
        JsonNode empty = MonitoringApi.body(client.get().uri("/api/v1/usage").headers(admin.auth()).exchange()
                .expectStatus().isOk());
        assertThat(empty.get("meters")).hasSize(4);
        assertThat(meters(empty).values()).allMatch(q -> q.signum() == 0);
    }

    private static Map<String, Object> finishedData(UUID tenant, UUID pipeline, UUID execution, long durationMs,
            Instant at) {
        Map<String, Object> data = new HashMap<>(Map.of("execution_id", execution.toString(), "tenant_id",
                tenant.toString(), "pipeline_id", pipeline.toString(), "pipeline_name", "Build API", "number", 1,
                "status", "succeeded", "queued_at", at.minusSeconds(200).toString(), "started_at",
                at.minusMillis(durationMs).toString(), "finished_at", at.toString(), "occurred_at", at.toString()));
        data.put("duration_ms", durationMs);
        return data;
    }

    private static Map<String, BigDecimal> meters(JsonNode usage) {
        Map<String, BigDecimal> totals = new HashMap<>();
        usage.get("meters").forEach(m -> totals.put(m.get("meter").asString(),
                new BigDecimal(m.get("quantity").toString())));
        return totals;
    }
}
