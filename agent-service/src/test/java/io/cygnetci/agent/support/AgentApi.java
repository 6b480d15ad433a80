package io.cygnetci.agent.support;

import java.net.URI;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

import io.cygnetci.platform.events.CloudEventRecords;
import io.cygnetci.platform.test.jwt.TestJwts;
import io.cygnetci.platform.test.kafka.KafkaServer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Drives agent-service through its HTTP API as users and agents do, and plays tenant-service on Kafka. */
public class AgentApi {

    public static final String USER_ISSUER = "http://tenant-service.test";
    public static final String AGENT_ISSUER = "http://agent-service.test";

    private final WebTestClient client;

    public AgentApi(WebTestClient client) {
        this.client = client;
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

    /** Creates a registration token as a tenant admin and answers its secret. */
    public String registrationToken(UUID tenant) {
        return createToken(tenant, Map.of("description", "test runners")).get("token").asString();
    }

    public JsonNode createToken(UUID tenant, Map<String, Object> body) {
        return client.post().uri("/api/v1/agent-tokens").headers(bearer(user(tenant, "tenant_admin")))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange()
                .expectStatus().isCreated().expectBody(JsonNode.class).returnResult().getResponseBody();
    }

    public WebTestClient.ResponseSpec register(String secret, UUID uuid, String name, List<String> labels) {
        Map<String, Object> body = new HashMap<>(Map.of("uuid", uuid.toString(), "name", name, "hostname",
                name + ".build.test", "os", "linux", "arch", "amd64", "labels", labels, "version", "1.0.0"));
        return client.post().uri("/api/v1/agents/register").header(HttpHeaders.AUTHORIZATION, "Token " + secret)
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
    }

    /** Registers a new agent and answers its id and credential. */
    public RegisteredAgent registerAgent(UUID tenant, String name) {
        return registered(register(registrationToken(tenant), UUID.randomUUID(), name, List.of("linux"))
                .expectStatus().isCreated());
    }

    public static RegisteredAgent registered(WebTestClient.ResponseSpec response) {
        JsonNode body = response.expectBody(JsonNode.class).returnResult().getResponseBody();
        return new RegisteredAgent(UUID.fromString(body.get("agent_id").asString()),
                body.get("credential").asString(), body);
    }

    public WebTestClient.ResponseSpec heartbeat(UUID agentId, String credential) {
        return client.post().uri("/api/v1/agents/{id}/heartbeat", agentId).headers(bearer(credential))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("cpu_percent", 12.5, "memory_percent", 40.0, "disk_percent", 55.0,
                        "running_jobs", 0, "version", "1.0.0"))
                .exchange();
    }

    public JsonNode agent(UUID tenant, UUID agentId) {
        return client.get().uri("/api/v1/agents/{id}", agentId).headers(bearer(user(tenant, "viewer"))).exchange()
                .expectStatus().isOk().expectBody(JsonNode.class).returnResult().getResponseBody();
    }

    /** Publishes what tenant-service would on {@code cygnetci.tenants.v1} for a tenant's new state. */
    public static void publishTenant(UUID tenant, String type, boolean active, int maxAgents) {
        Map<String, Object> data = Map.of("tenant_id", tenant.toString(), "slug", "t-" + tenant.toString().substring(0, 8),
                "display_name", "Test", "active", active,
                "plan", Map.of("max_users", 50, "max_agents", maxAgents, "max_pipelines", 100,
                        "requests_per_minute", 1000, "deployments_per_hour", 100, "executions_per_hour", 50),
                "occurred_at", Instant.now().toString());
        Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaServer.bootstrapServers());
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config, new StringSerializer(),
                new ByteArraySerializer())) {
            producer.send(CloudEventRecords.toRecord("cygnetci.tenants.v1", tenant.toString(), UUID.randomUUID(),
                    URI.create("/cygnetci/tenant-service"), "io.cygnetci.tenant." + type + ".v1", tenant.toString(),
                    tenant, OffsetDateTime.now(ZoneOffset.UTC), JsonMapper.shared().writeValueAsBytes(data))).get();
        }
        catch (Exception ex) {
            throw new IllegalStateException(ex);
        }
    }

    public record RegisteredAgent(UUID id, String credential, JsonNode body) {
    }
}
