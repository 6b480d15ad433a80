package io.cygnetci.monitoring.support;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.cygnetci.platform.data.DbScope;
import io.cygnetci.platform.data.TenantDatabase;
import io.cygnetci.platform.events.CloudEventRecords;
import io.cygnetci.platform.test.jwt.TestUser;
import io.cygnetci.platform.test.kafka.TestProducer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Drives monitoring-service through its HTTP API as users do, and plays the other services on Kafka: their events,
 * shaped as docs/events describes them, are how monitoring-service learns of everything it counts.
 */
public class MonitoringApi {

    public static final String USER_ISSUER = "http://tenant-service.test";
    public static final Duration PATIENCE = Duration.ofSeconds(30);

    private final WebTestClient client;
    private final TenantDatabase database;

    public MonitoringApi(WebTestClient client, TenantDatabase database) {
        this.client = client;
        this.database = database;
    }

    /** A user of a tenant with one role; the same user id signs every token it asks for. */
    public static TestUser user(UUID tenant, String role) {
        return TestUser.of(USER_ISSUER, tenant, role);
    }

    // ---- playing the other services

    public static UUID publishTenant(UUID tenant, String type, boolean active) {
        return publish("cygnetci.tenants.v1", tenant, tenant, "io.cygnetci.tenant." + type + ".v1", Map.of(
                "tenant_id", tenant.toString(), "slug", "t-" + tenant.toString().substring(0, 8), "display_name",
                "Test", "active", active, "occurred_at", now()));
    }

    public static UUID publishMembership(UUID tenant, UUID user, String type, String role) {
        Map<String, Object> data = new HashMap<>(Map.of("tenant_id", tenant.toString(), "user_id", user.toString(),
                "occurred_at", now()));
        if (role != null) {
            data.put("role", role);
        }
        return publish("cygnetci.tenants.v1", tenant, user, "io.cygnetci.membership." + type + ".v1", data);
    }

    /** An agent event as agent-service publishes it ({@code status} after the change). */
    public static UUID publishAgent(UUID tenant, UUID agent, String name, String type, String status,
            Instant occurredAt) {
        Map<String, Object> data = new HashMap<>(Map.of("agent_id", agent.toString(), "tenant_id", tenant.toString(),
                "agent_uuid", agent.toString(), "credential_id", UUID.randomUUID().toString(), "name", name,
                "labels", List.of("linux"), "status", status, "disabled", false, "occurred_at",
                occurredAt.toString()));
        return publish("cygnetci.agents.v1", tenant, agent, "io.cygnetci.agent." + type + ".v1", data);
    }

    public static UUID publishPipeline(UUID tenant, UUID pipeline, String name, String type) {
        return publish("cygnetci.pipelines.v1", tenant, pipeline, "io.cygnetci.pipeline." + type + ".v1", Map.of(
                "pipeline_id", pipeline.toString(), "tenant_id", tenant.toString(), "name", name, "agent_labels",
                List.of(), "steps", List.of(), "parameters", List.of(), "version", 1, "occurred_at", now()));
    }

    public static UUID publishQueued(UUID tenant, UUID pipeline, UUID execution, String pipelineName) {
        return publish("cygnetci.pipeline-executions.v1", tenant, execution, "io.cygnetci.execution.queued.v1",
                Map.of("execution_id", execution.toString(), "tenant_id", tenant.toString(), "pipeline_id",
                        pipeline.toString(), "pipeline_name", pipelineName, "number", 1, "status", "queued",
                        "queued_at", now(), "occurred_at", now()));
    }

    /** An execution that ran {@code durationMs} on {@code agent} and ended with {@code status}. */
    public static UUID publishFinished(UUID tenant, UUID pipeline, UUID execution, String pipelineName, UUID agent,
            String status, long durationMs, Instant finishedAt) {
        Map<String, Object> data = new HashMap<>(Map.of("execution_id", execution.toString(), "tenant_id",
                tenant.toString(), "pipeline_id", pipeline.toString(), "pipeline_name", pipelineName, "number", 1,
                "status", status, "queued_at", finishedAt.minusMillis(durationMs + 1000).toString(), "started_at",
                finishedAt.minusMillis(durationMs).toString(), "finished_at", finishedAt.toString(),
                "occurred_at", finishedAt.toString()));
        data.put("duration_ms", durationMs);
        if (agent != null) {
            data.put("agent_id", agent.toString());
        }
        if (status.equals("failed")) {
            data.put("reason", "step_failed");
        }
        return publish("cygnetci.pipeline-executions.v1", tenant, execution, "io.cygnetci.execution.finished.v1",
                data);
    }

    public static UUID publishRelease(UUID tenant, UUID release, String name, String version, String type) {
        return publish("cygnetci.releases.v1", tenant, release, "io.cygnetci.release." + type + ".v1", Map.of(
                "release_id", release.toString(), "tenant_id", tenant.toString(), "name", name, "version", version,
                "status", type.equals("completed") ? "completed" : "created", "pipelines", List.of(), "artifacts",
                List.of(), "created_at", now(), "occurred_at", now()));
    }

    public static UUID publishDeployment(UUID tenant, UUID release, String releaseName, String environment,
            String type, String status) {
        return publishDeployment(tenant, release, releaseName, environment, type, status, Instant.now());
    }

    public static UUID publishDeployment(UUID tenant, UUID release, String releaseName, String environment,
            String type, String status, Instant occurredAt) {
        UUID deployment = UUID.randomUUID();
        Map<String, Object> data = new HashMap<>(Map.of("deployment_id", deployment.toString(), "tenant_id",
                tenant.toString(), "release_id", release.toString(), "release_name", releaseName, "release_version",
                "2.0.0", "environment_id", UUID.randomUUID().toString(), "environment_name", environment, "status",
                status));
        data.putAll(Map.of("required_approvals", 0, "approvals", 0, "pipelines", List.of(), "requested_at",
                occurredAt.toString(), "occurred_at", occurredAt.toString()));
        return publish("cygnetci.releases.v1", tenant, deployment, "io.cygnetci.deployment." + type + ".v1", data);
    }

    public static UUID publish(String topic, UUID tenant, UUID subject, String type, Map<String, Object> data) {
        UUID id = UUID.randomUUID();
        publish(topic, tenant, subject, type, id, data);
        return id;
    }

    /** Publishes with a given event id: a redelivery is the same id again. */
    public static void publish(String topic, UUID tenant, UUID subject, String type, UUID id,
            Map<String, Object> data) {
        TestProducer.send(CloudEventRecords.toRecord(topic, tenant.toString(), id, URI.create("/cygnetci/test"),
                type, subject.toString(), tenant, OffsetDateTime.now(ZoneOffset.UTC),
                JsonMapper.shared().writeValueAsBytes(data)));
    }

    private static String now() {
        return Instant.now().toString();
    }

    /** Counts rows across tenants, as an operator would look into the database. */
    public long count(String sql) {
        return database.in(DbScope.platformWide(), database.client().sql(sql)
                .map(row -> row.get(0, Long.class)).one()).block(Duration.ofSeconds(10));
    }

    // ---- users

    public JsonNode statistics(TestUser user, UUID tenant) {
        return body(client.get().uri("/api/v1/tenants/{id}/statistics", tenant).headers(user.auth()).exchange()
                .expectStatus().isOk());
    }

    public JsonNode activity(TestUser user, String query) {
        return body(client.get().uri("/api/v1/activity" + query).headers(user.auth()).exchange().expectStatus()
                .isOk());
    }

    public WebTestClient.ResponseSpec createService(TestUser user, Map<String, Object> body) {
        return client.post().uri("/api/v1/services").headers(user.auth()).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body).exchange();
    }

    public JsonNode service(TestUser user, UUID id) {
        return body(client.get().uri("/api/v1/services/{id}", id).headers(user.auth()).exchange().expectStatus()
                .isOk());
    }

    public JsonNode usage(TestUser user, Instant from, Instant to) {
        return body(client.get().uri("/api/v1/usage?from={from}&to={to}", from, to).headers(user.auth()).exchange()
                .expectStatus().isOk());
    }

    public static JsonNode body(WebTestClient.ResponseSpec response) {
        return response.expectBody(JsonNode.class).returnResult().getResponseBody();
    }

    public static JsonNode json(byte[] bytes) {
        return JsonMapper.shared().readTree(bytes);
    }

    public static UUID id(WebTestClient.ResponseSpec response) {
        return UUID.fromString(body(response).get("id").asString());
    }
}
