package io.cygnetci.pipeline.support;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

import io.cygnetci.platform.data.DbScope;
import io.cygnetci.platform.data.TenantDatabase;
import io.cygnetci.platform.events.CloudEventRecords;
import io.cygnetci.platform.test.jwt.TestJwts;
import io.cygnetci.platform.test.kafka.TestProducer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.awaitility.Awaitility.await;

/**
 * Drives pipeline-service through its HTTP API as users and runners do, and plays tenant-service and agent-service
 * on Kafka (their events are how pipeline-service learns of tenants and agents in production too).
 */
public class PipelineApi {

    public static final String USER_ISSUER = "http://tenant-service.test";
    public static final String AGENT_ISSUER = "http://agent-service.test";
    public static final Duration PATIENCE = Duration.ofSeconds(30);

    private final WebTestClient client;
    private final TenantDatabase database;

    public PipelineApi(WebTestClient client, TenantDatabase database) {
        this.client = client;
        this.database = database;
    }

    public WebTestClient client() {
        return client;
    }

    /** A user's token in {@code tenant} with {@code role}. */
    public static String user(UUID tenant, String role) {
        return new TestJwts(USER_ISSUER).user(UUID.randomUUID()).tenant(tenant).roles(role).sign();
    }

    public static Consumer<HttpHeaders> bearer(String token) {
        return headers -> headers.setBearerAuth(token);
    }

    /** An agent of a tenant, with its credential as agent-service would issue it. */
    public record TestAgent(UUID id, UUID tenantId, UUID credentialId, List<String> labels) {

        public String credential() {
            return new TestJwts(AGENT_ISSUER).user(id).tenant(tenantId).roles("agent").jwtId(credentialId).sign();
        }

        public Consumer<HttpHeaders> auth() {
            return bearer(credential());
        }
    }

    /** A new tenant, announced as tenant-service does, and known to the service once this returns. */
    public UUID tenant(int maxPipelines, int executionsPerHour) {
        UUID tenant = UUID.randomUUID();
        publishTenant(tenant, "created", true, maxPipelines, executionsPerHour);
        await().atMost(PATIENCE).until(() -> count("select count(*) from tenants where tenant_id = '" + tenant
                + "' and slug <> ''") == 1);
        return tenant;
    }

    public UUID tenant() {
        return tenant(100, 1000);
    }

    public static String slug(UUID tenant) {
        return "t-" + tenant.toString().substring(0, 8);
    }

    public static void publishTenant(UUID tenant, String type, boolean active, int maxPipelines,
            int executionsPerHour) {
        Map<String, Object> data = Map.of("tenant_id", tenant.toString(), "slug", slug(tenant),
                "display_name", "Test", "active", active,
                "plan", Map.of("max_users", 50, "max_agents", 10, "max_pipelines", maxPipelines,
                        "requests_per_minute", 1000, "deployments_per_hour", 100,
                        "executions_per_hour", executionsPerHour),
                "occurred_at", Instant.now().toString());
        publish("cygnetci.tenants.v1", tenant, tenant, "io.cygnetci.tenant." + type + ".v1", data);
    }

    /** A registered agent, announced as agent-service does, and known to the service once this returns. */
    public TestAgent agent(UUID tenant, String... labels) {
        TestAgent agent = new TestAgent(UUID.randomUUID(), tenant, UUID.randomUUID(), List.of(labels));
        publishAgent(agent, "registered", "never_connected", false);
        awaitAgent(agent, "never_connected");
        return agent;
    }

    public void awaitAgent(TestAgent agent, String status) {
        await().atMost(PATIENCE).until(() -> count("select count(*) from agents where agent_id = '" + agent.id()
                + "' and status = '" + status + "'") == 1);
    }

    public static void publishAgent(TestAgent agent, String type, String status, boolean disabled) {
        Map<String, Object> data = new HashMap<>(Map.of("agent_id", agent.id().toString(), "tenant_id",
                agent.tenantId().toString(), "agent_uuid", UUID.randomUUID().toString(), "credential_id",
                agent.credentialId().toString(), "name", "agent-" + agent.id().toString().substring(0, 8),
                "labels", agent.labels(), "status", status, "disabled", disabled, "occurred_at",
                Instant.now().toString()));
        publish("cygnetci.agents.v1", agent.tenantId(), agent.id(), "io.cygnetci.agent." + type + ".v1", data);
    }

    /**
     * What release-service publishes when a deployment starts ({@code type} {@code started}) or ends early; the event
     * id is given, so a test can deliver the same event twice.
     */
    public static void publishDeployment(UUID eventId, String type, UUID tenant, UUID deployment, UUID environment,
            String environmentName, List<UUID> pipelines) {
        Map<String, Object> data = new HashMap<>(Map.of("deployment_id", deployment.toString(), "tenant_id",
                tenant.toString(), "release_id", UUID.randomUUID().toString(), "environment_id",
                environment.toString(), "environment_name", environmentName, "status", "running",
                "pipelines", pipelines.stream().map(p -> Map.of("pipeline_id", p.toString(), "name", "p",
                        "status", "pending")).toList(),
                "requested_by", UUID.randomUUID().toString(), "occurred_at", Instant.now().toString()));
        publish("cygnetci.releases.v1", tenant, deployment, "io.cygnetci.deployment." + type + ".v1", eventId, data);
    }

    private static void publish(String topic, UUID tenant, UUID subject, String type, Map<String, Object> data) {
        publish(topic, tenant, subject, type, UUID.randomUUID(), data);
    }

    private static void publish(String topic, UUID tenant, UUID subject, String type, UUID eventId,
            Map<String, Object> data) {
        TestProducer.send(CloudEventRecords.toRecord(topic, tenant.toString(), eventId,
                URI.create("/cygnetci/test"), type, subject.toString(), tenant,
                OffsetDateTime.now(ZoneOffset.UTC), JsonMapper.shared().writeValueAsBytes(data)));
    }

    /** The events of one type that one tenant's changes produced (the topic carries every test's). */
    public static List<org.apache.kafka.clients.consumer.ConsumerRecord<String, byte[]>> events(
            io.cygnetci.platform.test.kafka.TopicRecorder recorder, String type, UUID tenant) {
        return recorder.records(r -> r.key().equals(tenant.toString())
                && type.equals(io.cygnetci.platform.test.kafka.TopicRecorder.header(r, "ce_type").orElse(null)));
    }

    /** Counts rows across tenants, as an operator would look into the database. */
    public long count(String sql) {
        return database.in(DbScope.platformWide(), database.client().sql(sql)
                .map(row -> row.get(0, Long.class)).one()).block(Duration.ofSeconds(10));
    }

    // ---- users

    public static Map<String, Object> pipeline(String name, List<Map<String, Object>> steps) {
        return new HashMap<>(Map.of("name", name, "steps", steps));
    }

    public static Map<String, Object> step(String name, String command) {
        return new HashMap<>(Map.of("name", name, "command", command));
    }

    public WebTestClient.ResponseSpec createPipeline(UUID tenant, Map<String, Object> body) {
        return client.post().uri("/api/v1/pipelines").headers(bearer(user(tenant, "member")))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
    }

    public UUID pipelineId(UUID tenant, Map<String, Object> body) {
        return id(createPipeline(tenant, body).expectStatus().isCreated());
    }

    public WebTestClient.ResponseSpec trigger(UUID tenant, UUID pipeline, Map<String, String> parameters) {
        return client.post().uri("/api/v1/pipelines/{id}/executions", pipeline).headers(bearer(user(tenant, "member")))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("parameters", parameters)).exchange();
    }

    public UUID execute(UUID tenant, UUID pipeline, Map<String, String> parameters) {
        return id(trigger(tenant, pipeline, parameters).expectStatus().isCreated());
    }

    public JsonNode execution(UUID tenant, UUID id) {
        return body(client.get().uri("/api/v1/executions/{id}", id).headers(bearer(user(tenant, "viewer")))
                .exchange().expectStatus().isOk());
    }

    /** The step's whole log ("" when there is none yet). */
    public String log(UUID tenant, UUID execution, int step) {
        String log = client.get().uri("/api/v1/executions/{id}/steps/{index}/log?limit=1048576", execution, step)
                .headers(bearer(user(tenant, "viewer"))).exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        return log == null ? "" : log;
    }

    // ---- runners

    public WebTestClient.ResponseSpec request(TestAgent agent, int waitSeconds) {
        return client.post().uri("/api/v1/jobs/request").headers(agent.auth())
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("wait_seconds", waitSeconds)).exchange();
    }

    /** The job the agent gets now, or null. */
    public JsonNode claim(TestAgent agent) {
        return request(agent, 0).returnResult(JsonNode.class).getResponseBody().blockFirst(PATIENCE);
    }

    public WebTestClient.ResponseSpec log(TestAgent agent, UUID job, int step, long offset, String text) {
        return client.post().uri("/api/v1/jobs/{id}/steps/{index}/log?offset={offset}", job, step, offset)
                .headers(agent.auth()).contentType(MediaType.TEXT_PLAIN).bodyValue(text.getBytes()).exchange();
    }

    public WebTestClient.ResponseSpec startStep(TestAgent agent, UUID job, int step) {
        return client.post().uri("/api/v1/jobs/{id}/steps/{index}/start", job, step).headers(agent.auth())
                .exchange();
    }

    public WebTestClient.ResponseSpec stepResult(TestAgent agent, UUID job, int step, String status,
            Integer exitCode) {
        Map<String, Object> body = new HashMap<>(Map.of("status", status));
        if (exitCode != null) {
            body.put("exit_code", exitCode);
        }
        return client.post().uri("/api/v1/jobs/{id}/steps/{index}/result", job, step).headers(agent.auth())
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
    }

    public WebTestClient.ResponseSpec finish(TestAgent agent, UUID job, String status) {
        return client.post().uri("/api/v1/jobs/{id}/finish", job).headers(agent.auth())
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("status", status)).exchange();
    }

    public static JsonNode body(WebTestClient.ResponseSpec response) {
        return response.expectBody(JsonNode.class).returnResult().getResponseBody();
    }

    public static UUID id(WebTestClient.ResponseSpec response) {
        return UUID.fromString(body(response).get("id").asString());
    }
}
