package io.cygnetci.system;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import tools.jackson.databind.JsonNode;

import static org.awaitility.Awaitility.await;

/**
 * A tenant made for one test through the gateway, as a platform admin and the tenant's own admin would make it, with
 * one object of every kind the API serves: a member, a registration token, an agent (registered, never running),
 * a pipeline with an execution the agent has claimed, a release deployed to Dev, a health check (disabled, so it
 * stays as made). Its names are unique to it, so a body naming it can only have got them from it.
 */
public final class SandboxTenant {

    public static final String PLATFORM_ADMIN = "admin@cygnetci.local";
    public static final String PLATFORM_ADMIN_PASSWORD = "cygnetci-admin";
    private static final String PASSWORD = "sandbox-password-1";

    public final String id;
    public final String slug;
    public final String displayName;
    public final String adminEmail;
    public final String adminId;
    public final String agentId;
    public final String agentName;
    public final String agentCredential;
    public final String registrationToken;
    private final Map<String, List<String>> ids = new LinkedHashMap<>();
    private final List<String> names = new ArrayList<>();
    private final GatewayClient gateway;

    private SandboxTenant(GatewayClient gateway, String prefix) {
        this.gateway = gateway;
        String unique = prefix + "-" + Long.toString(System.nanoTime() % 2_176_782_336L, 36);
        this.slug = unique;
        this.displayName = "Sandbox " + unique;
        this.adminEmail = "admin@" + unique + ".example";
        String platformAdmin = gateway.login(PLATFORM_ADMIN, PLATFORM_ADMIN_PASSWORD);
        this.id = gateway.call("POST", "/api/v1/tenants", platformAdmin, Map.of("slug", slug,
                "display_name", displayName, "requests_per_minute", 1_000_000, "executions_per_hour", 10_000,
                "deployments_per_hour", 10_000), 201).get("id").asString();
        this.adminId = user(platformAdmin, adminEmail, "tenant_admin");
        String viewer = user(platformAdmin, "viewer@" + unique + ".example", "viewer");
        ids.put("tenants", List.of(id));
        ids.put("users", List.of(adminId, viewer));
        ids.put("members", List.of(adminId, viewer));
        names.addAll(List.of(slug, displayName, adminEmail, "viewer@" + unique + ".example"));

        String admin = adminToken();
        JsonNode token = gateway.call("POST", "/api/v1/agent-tokens", admin,
                Map.of("description", "token of " + unique), 201);
        this.registrationToken = token.get("token").asString();
        ids.put("agent-tokens", List.of(token.get("id").asString()));
        this.agentName = "agent-" + unique;
        JsonNode agent = register();
        this.agentId = agent.get("agent_id").asString();
        this.agentCredential = agent.get("credential").asString();
        ids.put("agents", List.of(agentId));
        names.add(agentName);

        String pipelineName = "pipeline-" + unique;
        String pipeline = gateway.call("POST", "/api/v1/pipelines", admin, Map.of("name", pipelineName,
                "agent_labels", List.of(unique), "steps", List.of(Map.of("name", "Build", "command", "echo " + unique))),
                201).get("id").asString();
        ids.put("pipelines", List.of(pipeline));
        names.add(pipelineName);
        String execution = gateway.call("POST", "/api/v1/pipelines/" + pipeline + "/executions", admin, Map.of(),
                201).get("id").asString();
        ids.put("executions", List.of(execution));
        ids.put("jobs", List.of(claim(execution)));

        List<String> environments = new ArrayList<>();
        gateway.call("GET", "/api/v1/environments", admin, null, 200).get("items")
                .forEach(e -> environments.add(e.get("id").asString()));
        ids.put("environments", environments);
        String releaseName = "release-" + unique;
        AtomicReference<String> release = new AtomicReference<>();
        // release-service learns of the pipeline by event
        await().atMost(GatewayClient.PATIENCE).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> release.set(
                gateway.call("POST", "/api/v1/releases", admin, Map.of("name", releaseName, "version", "1.0.0",
                        "pipeline_ids", List.of(pipeline)), 201).get("id").asString()));
        ids.put("releases", List.of(release.get()));
        names.add(releaseName);
        String deployment = gateway.call("POST", "/api/v1/releases/" + release.get() + "/deployments", admin,
                Map.of("environment_id", environments.get(0)), 201).get("id").asString();
        ids.put("deployments", List.of(deployment));

        String checkName = "check-" + unique;
        ids.put("services", List.of(gateway.call("POST", "/api/v1/services", admin, Map.of("name", checkName,
                "kind", "http", "url", "http://localhost:8080/actuator/health/liveness", "enabled", false), 201)
                .get("id").asString()));
        names.add(checkName);
    }

    public static SandboxTenant create(GatewayClient gateway, String prefix) {
        return new SandboxTenant(gateway, prefix);
    }

    /** A tenant with only its admin, for what needs no more (a tenant to deactivate, say). */
    public static Minimal minimal(GatewayClient gateway, String prefix) {
        return minimal(gateway, prefix, 1_000_000);
    }

    /** A tenant with only its admin and a plan of {@code requestsPerMinute}. */
    public static Minimal minimal(GatewayClient gateway, String prefix, int requestsPerMinute) {
        String slug = prefix + "-" + Long.toString(System.nanoTime() % 2_176_782_336L, 36);
        String platformAdmin = gateway.login(PLATFORM_ADMIN, PLATFORM_ADMIN_PASSWORD);
        String id = gateway.call("POST", "/api/v1/tenants", platformAdmin, Map.of("slug", slug,
                "display_name", "Sandbox " + slug, "requests_per_minute", requestsPerMinute,
                "max_pipelines", 1_000_000), 201).get("id").asString();
        String email = "admin@" + slug + ".example";
        String user = gateway.call("POST", "/api/v1/users", platformAdmin, Map.of("email", email, "password",
                PASSWORD), 201).get("id").asString();
        gateway.call("POST", "/api/v1/tenants/" + id + "/members", platformAdmin, Map.of("user_id", user,
                "role", "tenant_admin"), 201);
        return new Minimal(gateway, id, slug, email);
    }

    public record Minimal(GatewayClient gateway, String id, String slug, String adminEmail) {

        public String adminToken() {
            return gateway.call("POST", "/api/v1/auth/token", null, Map.of("email", adminEmail, "password", PASSWORD,
                    "tenant", slug), 200).get("access_token").asString();
        }
    }

    /** A fresh access token of the tenant's admin. */
    public String adminToken() {
        return gateway.call("POST", "/api/v1/auth/token", null, Map.of("email", adminEmail, "password", PASSWORD,
                "tenant", slug), 200).get("access_token").asString();
    }

    public String viewerToken() {
        return gateway.call("POST", "/api/v1/auth/token", null, Map.of("email", "viewer@" + slug + ".example",
                "password", PASSWORD, "tenant", slug), 200).get("access_token").asString();
    }

    /** The tenant's ids of a collection, by the path segment that names it ({@code pipelines}); empty if none. */
    public List<String> ids(String collection) {
        return ids.getOrDefault(collection, List.of());
    }

    public String id(String collection) {
        List<String> all = ids(collection);
        return all.isEmpty() ? null : all.get(0);
    }

    /** Every id and every name of this tenant's: none may appear in an answer to anyone else. */
    public Set<String> secrets() {
        Set<String> secrets = new java.util.LinkedHashSet<>(names);
        ids.values().forEach(secrets::addAll);
        return secrets;
    }

    private String user(String platformAdmin, String email, String role) {
        String user = gateway.call("POST", "/api/v1/users", platformAdmin, Map.of("email", email, "password", PASSWORD,
                "display_name", "User of " + slug), 201).get("id").asString();
        gateway.call("POST", "/api/v1/tenants/" + id + "/members", platformAdmin, Map.of("user_id", user, "role", role),
                201);
        return user;
    }

    private JsonNode register() {
        return gateway.callWithAuthorization("POST", "/api/v1/agents/register", "Token " + registrationToken,
                Map.of("uuid", UUID.randomUUID().toString(), "name", agentName, "hostname", agentName + ".internal",
                        "os", "linux", "arch", "amd64", "labels", List.of(slug), "version", "1.0.0"), Set.of(201));
    }

    /** Has the tenant's agent claim the execution, as a runner would, so that the job endpoints have a job. */
    private String claim(String execution) {
        AtomicReference<String> job = new AtomicReference<>();
        await().atMost(GatewayClient.PATIENCE).pollInterval(Duration.ofMillis(500)).until(() -> {
            JsonNode answer = gateway.call("POST", "/api/v1/jobs/request", agentCredential, Map.of("wait_seconds", 1),
                    Set.of(200, 204));
            if (answer != null && answer.get("execution_id").asString().equals(execution)) {
                job.set(answer.get("job_id").asString());
            }
            return job.get() != null;
        });
        return job.get();
    }
}
