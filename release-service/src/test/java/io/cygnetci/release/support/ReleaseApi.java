package io.cygnetci.release.support;

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

import static org.awaitility.Awaitility.await;

/**
 * Drives release-service through its HTTP API as users do, and plays tenant-service and pipeline-service on Kafka
 * (their events are how release-service learns of tenants, pipelines and executions in production too).
 */
public class ReleaseApi {

    public static final String USER_ISSUER = "http://tenant-service.test";
    public static final Duration PATIENCE = Duration.ofSeconds(30);

    private final WebTestClient client;
    private final TenantDatabase database;

    public ReleaseApi(WebTestClient client, TenantDatabase database) {
        this.client = client;
        this.database = database;
    }

    /** A user of a tenant with one role; the same user id signs every token it asks for. */
    public static TestUser user(UUID tenant, String role) {
        return TestUser.of(USER_ISSUER, tenant, role);
    }

    // ---- playing the other services

    /** A new tenant, announced as tenant-service does, known to the service (with its environments) on return. */
    public UUID tenant(int deploymentsPerHour) {
        UUID tenant = UUID.randomUUID();
        publishTenant(tenant, "created", true, deploymentsPerHour);
        await().atMost(PATIENCE).until(() -> count("select count(*) from tenants where tenant_id = '" + tenant
                + "' and slug <> ''") == 1);
        return tenant;
    }

    public UUID tenant() {
        return tenant(100);
    }

    public static void publishTenant(UUID tenant, String type, boolean active, int deploymentsPerHour) {
        Map<String, Object> data = Map.of("tenant_id", tenant.toString(), "slug", "t-" + tenant.toString()
                .substring(0, 8), "display_name", "Test", "active", active,
                "plan", Map.of("max_users", 50, "max_agents", 10, "max_pipelines", 50, "requests_per_minute", 1000,
                        "deployments_per_hour", deploymentsPerHour, "executions_per_hour", 500),
                "occurred_at", Instant.now().toString());
        publish("cygnetci.tenants.v1", tenant, tenant, "io.cygnetci.tenant." + type + ".v1", data);
    }

    /** A pipeline, announced as pipeline-service does, known to the service on return. */
    public UUID pipeline(UUID tenant, String name) {
        UUID id = UUID.randomUUID();
        publish("cygnetci.pipelines.v1", tenant, id, "io.cygnetci.pipeline.created.v1", Map.of("pipeline_id",
                id.toString(), "tenant_id", tenant.toString(), "name", name, "occurred_at", Instant.now().toString()));
        await().atMost(PATIENCE).until(() -> count("select count(*) from pipelines where pipeline_id = '" + id
                + "'") == 1);
        return id;
    }

    public void deletePipeline(UUID tenant, UUID id) {
        publish("cygnetci.pipelines.v1", tenant, id, "io.cygnetci.pipeline.deleted.v1", Map.of("pipeline_id",
                id.toString(), "tenant_id", tenant.toString(), "name", "gone", "occurred_at",
                Instant.now().toString()));
        await().atMost(PATIENCE).until(() -> count("select count(*) from pipelines where pipeline_id = '" + id
                + "' and deleted") == 1);
    }

    /** What pipeline-service publishes about an execution it runs for a deployment. */
    public static UUID publishExecution(UUID tenant, UUID deployment, UUID pipeline, UUID execution, String type,
            String status) {
        Map<String, Object> data = new HashMap<>(Map.of("execution_id", execution.toString(), "tenant_id",
                tenant.toString(), "pipeline_id", pipeline.toString(), "deployment_id", deployment.toString(),
                "status", status, "occurred_at", Instant.now().toString()));
        return publish("cygnetci.pipeline-executions.v1", tenant, execution, "io.cygnetci.execution." + type + ".v1",
                data);
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

    /** Counts rows across tenants, as an operator would look into the database. */
    public long count(String sql) {
        return database.in(DbScope.platformWide(), database.client().sql(sql)
                .map(row -> row.get(0, Long.class)).one()).block(Duration.ofSeconds(10));
    }

    // ---- users

    public JsonNode environments(TestUser user) {
        return body(client.get().uri("/api/v1/environments").headers(user.auth()).exchange().expectStatus().isOk());
    }

    /** The tenant's environment ids by name. */
    public Map<String, UUID> environmentIds(TestUser user) {
        Map<String, UUID> ids = new HashMap<>();
        environments(user).get("items").forEach(e -> ids.put(e.get("name").asString(),
                UUID.fromString(e.get("id").asString())));
        return ids;
    }

    public WebTestClient.ResponseSpec createRelease(TestUser user, Map<String, Object> body) {
        return client.post().uri("/api/v1/releases").headers(user.auth()).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body).exchange();
    }

    public static Map<String, Object> release(String name, String version, List<UUID> pipelines) {
        return new HashMap<>(Map.of("name", name, "version", version, "notes", "Notes of " + version,
                "pipeline_ids", pipelines.stream().map(UUID::toString).toList(),
                "artifacts", List.of(Map.of("name", "api.jar", "uri", "https://artifacts.example/api-" + version
                        + ".jar", "sha256", "a".repeat(64)))));
    }

    public UUID releaseId(TestUser user, Map<String, Object> body) {
        return id(createRelease(user, body).expectStatus().isCreated());
    }

    public JsonNode release(TestUser user, UUID id) {
        return body(client.get().uri("/api/v1/releases/{id}", id).headers(user.auth()).exchange().expectStatus()
                .isOk());
    }

    public WebTestClient.ResponseSpec deploy(TestUser user, UUID release, UUID environment) {
        return client.post().uri("/api/v1/releases/{id}/deployments", release).headers(user.auth())
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("environment_id", environment.toString()))
                .exchange();
    }

    public JsonNode deployment(TestUser user, UUID id) {
        return body(client.get().uri("/api/v1/deployments/{id}", id).headers(user.auth()).exchange().expectStatus()
                .isOk());
    }

    public WebTestClient.ResponseSpec decide(TestUser user, UUID deployment, String decision, String comment) {
        return client.post().uri("/api/v1/deployments/{id}/" + decision, deployment).headers(user.auth())
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(comment == null ? Map.of() : Map.of("comment", comment)).exchange();
    }

    public static JsonNode body(WebTestClient.ResponseSpec response) {
        return response.expectBody(JsonNode.class).returnResult().getResponseBody();
    }

    public static UUID id(WebTestClient.ResponseSpec response) {
        return UUID.fromString(body(response).get("id").asString());
    }
}
