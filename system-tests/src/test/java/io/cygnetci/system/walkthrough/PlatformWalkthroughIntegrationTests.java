package io.cygnetci.system.walkthrough;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;

import io.cygnetci.system.GatewayClient;
import io.cygnetci.system.LocalPlatform;
import io.cygnetci.system.SandboxTenant;
import io.cygnetci.system.SharedPlatform;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The product as its users meet it, through the gateway only, on the platform a newcomer starts: a platform admin
 * makes two customers and their users (each user in both, with a role in each and a default); a user logs in, sees
 * only the default customer, switches and sees only the other; then both customers, at the same time, register a
 * real runner, run a pipeline on it, promote a release from Dev to Production with an approval, add a health check,
 * and find all of it in their statistics, activity, usage and in the per-tenant Prometheus series. Every answer
 * either customer's users got is kept: none may name anything of the other customer's.
 */
@ExtendWith(SharedPlatform.class)
class PlatformWalkthroughIntegrationTests {

    private static final Duration PATIENCE = Duration.ofMinutes(3);
    private static final String PASSWORD = "walkthrough-password-1";

    @TempDir
    Path dir;

    private final GatewayClient gateway = new GatewayClient();
    /** Every answer body, by the tenant of the token that got it. */
    private final Map<String, ConcurrentLinkedQueue<String>> seen = new ConcurrentHashMap<>();
    /** Every id and name each tenant made, by tenant. */
    private final Map<String, Set<String>> made = new ConcurrentHashMap<>();

    record Customer(String id, String slug, String name, String admin, String approver) {
    }

    @Test
    void whenTwoCustomersUseThePlatformAtOnceThenEachSeesItsOwnWorkEverywhereAndNothingOfTheOther() throws Exception {
        String unique = Long.toString(System.nanoTime() % 1_679_616L, 36);
        String platformAdmin = gateway.login(SandboxTenant.PLATFORM_ADMIN, SandboxTenant.PLATFORM_ADMIN_PASSWORD);
        Customer northwind = customer(platformAdmin, "northwind-" + unique, "Northwind Traders " + unique);
        Customer contoso = customer(platformAdmin, "contoso-" + unique, "Contoso Ltd " + unique);
        // each admin is also in the other customer, as a viewer, with their own as the default
        join(platformAdmin, contoso, northwind.admin(), "viewer");
        join(platformAdmin, northwind, contoso.admin(), "viewer");

        loginSeesTheDefaultThenSwitchesToTheOther(northwind, contoso);
        loginSeesTheDefaultThenSwitchesToTheOther(contoso, northwind);

        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            CompletableFuture<Void> first = CompletableFuture.runAsync(() -> journey(northwind), pool);
            CompletableFuture<Void> second = CompletableFuture.runAsync(() -> journey(contoso), pool);
            CompletableFuture.allOf(first, second).get(10, TimeUnit.MINUTES);
        }
        finally {
            pool.shutdownNow();
        }

        assertNothingOfTheOther(northwind, contoso);
        assertNothingOfTheOther(contoso, northwind);
    }

    private Customer customer(String platformAdmin, String slug, String name) {
        String id = gateway.call("POST", "/api/v1/tenants", platformAdmin, Map.of("slug", slug, "display_name", name,
                "contact_email", "ops@" + slug + ".example"), 201).get("id").asString();
        String admin = "admin@" + slug + ".example";
        String approver = "approver@" + slug + ".example";
        join(platformAdmin, new Customer(id, slug, name, null, null), user(platformAdmin, admin), "tenant_admin");
        join(platformAdmin, new Customer(id, slug, name, null, null), user(platformAdmin, approver), "member");
        remember(id, id, slug, name, admin, approver);
        return new Customer(id, slug, name, admin, approver);
    }

    private String user(String platformAdmin, String email) {
        gateway.call("POST", "/api/v1/users", platformAdmin, Map.of("email", email, "password", PASSWORD,
                "display_name", email.substring(0, email.indexOf('@'))), 201);
        return email;
    }

    private void join(String platformAdmin, Customer customer, String email, String role) {
        gateway.call("POST", "/api/v1/tenants/" + customer.id() + "/members", platformAdmin,
                Map.of("email", email, "role", role), 201);
    }

    private void loginSeesTheDefaultThenSwitchesToTheOther(Customer own, Customer other) {
        JsonNode login = gateway.call("POST", "/api/v1/auth/token", null, Map.of("email", own.admin(),
                "password", PASSWORD), 200);
        assertThat(login.get("tenant_id").asString()).as("the default tenant").isEqualTo(own.id());
        String token = login.get("access_token").asString();
        JsonNode tenants = read(own, "/api/v1/tenants", token);
        assertThat(tenants.get("items")).hasSize(1);
        assertThat(tenants.get("items").get(0).get("id").asString()).isEqualTo(own.id());
        assertThat(read(own, "/api/v1/tenants/current", token).get("slug").asString()).isEqualTo(own.slug());

        JsonNode switched = gateway.call("POST", "/api/v1/tenants/" + other.id() + "/switch", token, null, 200);
        assertThat(switched.get("roles").toString()).contains("viewer");
        String otherToken = switched.get("access_token").asString();
        assertThat(read(other, "/api/v1/tenants/current", otherToken).get("slug").asString())
                .isEqualTo(other.slug());
        JsonNode otherTenants = read(other, "/api/v1/tenants", otherToken);
        assertThat(otherTenants.get("items")).hasSize(1);
        assertThat(otherTenants.get("items").get(0).get("id").asString()).isEqualTo(other.id());
        // a viewer reads, and may not act
        gateway.call("POST", "/api/v1/agent-tokens", otherToken, Map.of("description", "not mine"), 403);
    }

    /** What one customer does, start to end, while the other does the same. */
    private void journey(Customer customer) {
        String admin = login(customer, customer.admin());
        String approver = login(customer, customer.approver());
        Process runner = startRunner(customer, gateway.call("POST", "/api/v1/agent-tokens", admin,
                Map.of("description", "runner of " + customer.slug()), 201).get("token").asString());
        try {
            String agentId = awaitAgentOnline(customer, admin);
            String pipeline = runPipeline(customer, admin, agentId);
            promoteRelease(customer, admin, approver, pipeline);
            String check = addHealthCheck(customer, admin);
            assertStatistics(customer, admin);
            assertActivity(customer, admin);
            assertUsage(customer, admin);
            assertMetrics(customer, agentId, check);
        }
        finally {
            runner.destroy();
        }
    }

    private Process startRunner(Customer customer, String registrationToken) {
        try {
            Path workDir = Files.createDirectories(dir.resolve(customer.slug()));
            return new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx128m", "-jar", LocalPlatform.projectRoot().resolve("runner/target/runner.jar").toString(),
                    "--server-url=" + LocalPlatform.GATEWAY, "--token=" + registrationToken,
                    "--name=runner-" + customer.slug(), "--labels=" + customer.slug(), "--work-dir=" + workDir)
                    .redirectErrorStream(true).redirectOutput(dir.resolve(customer.slug() + ".log").toFile()).start();
        }
        catch (java.io.IOException ex) {
            throw new java.io.UncheckedIOException(ex);
        }
    }

    private String awaitAgentOnline(Customer customer, String admin) {
        AtomicReference<String> agent = new AtomicReference<>();
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(500)).until(() -> {
            for (JsonNode item : read(customer, "/api/v1/agents?status=online", admin).get("items")) {
                if (item.get("name").asString().equals("runner-" + customer.slug())) {
                    agent.set(item.get("id").asString());
                }
            }
            return agent.get() != null;
        });
        remember(customer.id(), agent.get(), "runner-" + customer.slug());
        return agent.get();
    }

    private String runPipeline(Customer customer, String admin, String agentId) {
        String name = "Build " + customer.name();
        String pipeline = write(customer, "POST", "/api/v1/pipelines", admin, Map.of("name", name,
                "agent_labels", List.of(customer.slug()), "steps", List.of(
                        Map.of("name", "Compile", "command", "echo compiling " + customer.slug()),
                        Map.of("name", "Test", "command", "echo all tests passed"))), 201).get("id").asString();
        remember(customer.id(), pipeline, name);
        String execution = write(customer, "POST", "/api/v1/pipelines/" + pipeline + "/executions", admin, Map.of(),
                201).get("id").asString();
        remember(customer.id(), execution);
        JsonNode done = gateway.awaitExecutionEnd(admin, execution);
        seen(customer).add(done.toString());
        assertThat(done.get("status").asString()).isEqualTo("succeeded");
        assertThat(done.get("agent_id").asString()).isEqualTo(agentId);
        String log = gateway.log(admin, execution, 0);
        seen(customer).add(log);
        assertThat(log).contains("compiling " + customer.slug());
        return pipeline;
    }

    private void promoteRelease(Customer customer, String admin, String approver, String pipeline) {
        String name = "Release " + customer.name();
        AtomicReference<String> created = new AtomicReference<>();
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> created.set(write(customer,
                "POST", "/api/v1/releases", admin, Map.of("name", name, "version", "1.0.0",
                        "pipeline_ids", List.of(pipeline)), 201).get("id").asString()));
        String release = created.get();
        remember(customer.id(), release, name);
        Map<String, String> environments = new HashMap<>();
        read(customer, "/api/v1/environments", admin).get("items")
                .forEach(e -> environments.put(e.get("name").asString(), e.get("id").asString()));
        for (String environment : List.of("Dev", "QA", "Staging")) {
            String deployment = deploy(customer, admin, release, environments.get(environment));
            assertThat(awaitDeployment(customer, admin, deployment)).as(environment).isEqualTo("succeeded");
        }
        String production = deploy(customer, admin, release, environments.get("Production"));
        assertThat(read(customer, "/api/v1/deployments/" + production, admin).get("status").asString())
                .isEqualTo("awaiting_approval");
        write(customer, "POST", "/api/v1/deployments/" + production + "/approve", approver,
                Map.of("comment", "Go for " + customer.slug()), 200);
        assertThat(awaitDeployment(customer, admin, production)).isEqualTo("succeeded");
        JsonNode completed = read(customer, "/api/v1/releases/" + release, admin);
        assertThat(completed.get("status").asString()).isEqualTo("completed");
        assertThat(completed.get("stages")).hasSize(4)
                .allSatisfy(stage -> assertThat(stage.get("status").asString()).isEqualTo("succeeded"));
    }

    private String deploy(Customer customer, String admin, String release, String environment) {
        String deployment = write(customer, "POST", "/api/v1/releases/" + release + "/deployments", admin,
                Map.of("environment_id", environment), 201).get("id").asString();
        remember(customer.id(), deployment);
        return deployment;
    }

    private String awaitDeployment(Customer customer, String admin, String deployment) {
        AtomicReference<String> status = new AtomicReference<>();
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(500)).until(() -> {
            status.set(read(customer, "/api/v1/deployments/" + deployment, admin).get("status").asString());
            return !Set.of("running", "awaiting_approval").contains(status.get());
        });
        return status.get();
    }

    private String addHealthCheck(Customer customer, String admin) {
        String name = "Storefront " + customer.slug();
        String check = write(customer, "POST", "/api/v1/services", admin, Map.of("name", name, "kind", "http",
                "url", "http://localhost:8080/actuator/health/liveness", "interval_seconds", 10,
                "timeout_ms", 10000, "warning_threshold_ms", 5000), 201).get("id").asString();
        remember(customer.id(), check, name);
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(500)).until(() -> read(customer,
                "/api/v1/services/" + check, admin).get("status").asString().equals("healthy"));
        return check;
    }

    private void assertStatistics(Customer customer, String admin) {
        await().atMost(PATIENCE).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            JsonNode statistics = read(customer, "/api/v1/tenants/" + customer.id() + "/statistics", admin);
            assertThat(statistics.at("/agents/total").asInt()).isEqualTo(1);
            assertThat(statistics.at("/agents/online").asInt()).isEqualTo(1);
            assertThat(statistics.at("/pipelines/total").asInt()).isEqualTo(1);
            // one run by hand, one per stage
            assertThat(statistics.at("/executions/total").asInt()).isEqualTo(5);
            assertThat(statistics.at("/executions/succeeded").asInt()).isEqualTo(5);
            assertThat(statistics.at("/executions/success_rate").asDouble()).isEqualTo(1.0);
            assertThat(statistics.at("/releases/total").asInt()).isEqualTo(1);
            assertThat(statistics.at("/services/total").asInt()).isEqualTo(1);
            assertThat(statistics.at("/services/healthy").asInt()).isEqualTo(1);
            // its admin and approver, and the other customer's admin as a viewer
            assertThat(statistics.at("/users/total").asInt()).isEqualTo(3);
        });
    }

    private void assertActivity(Customer customer, String admin) {
        await().atMost(PATIENCE).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            List<String> messages = new ArrayList<>();
            Set<String> kinds = new java.util.HashSet<>();
            read(customer, "/api/v1/activity?limit=200", admin).get("items").forEach(item -> {
                messages.add(item.get("message").asString());
                kinds.add(item.get("kind").asString());
            });
            assertThat(kinds).contains("agent", "pipeline", "execution", "release", "deployment", "service",
                    "member");
            assertThat(messages).contains("Agent runner-" + customer.slug() + " came online",
                    "Pipeline Build " + customer.name() + " created",
                    "Release Release " + customer.name() + " (1.0.0) deployed to Production");
        });
    }

    private void assertUsage(Customer customer, String admin) {
        // the gateway counts requests per minute: the first count arrives within about a minute
        await().atMost(PATIENCE).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
            Map<String, Double> meters = new HashMap<>();
            read(customer, "/api/v1/usage", admin).get("meters")
                    .forEach(m -> meters.put(m.get("meter").asString(), m.get("quantity").asDouble()));
            assertThat(meters.get("deployments")).isEqualTo(4.0);
            assertThat(meters.get("build_minutes")).isPositive();
            assertThat(meters.get("api_requests")).isPositive();
        });
    }

    /** The series Prometheus scrapes from monitoring-service (not through the gateway: operators' side). */
    private void assertMetrics(Customer customer, String agentId, String check) {
        await().atMost(PATIENCE).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
            String metrics = scrape("http://localhost:8085/actuator/prometheus");
            assertThat(metrics).containsPattern(series("cygnetci_agents", "online", customer.id(), "1.0"));
            assertThat(metrics).containsPattern(series("cygnetci_services", "healthy", customer.id(), "1.0"));
            assertThat(metrics).containsPattern(series("cygnetci_execution_duration_seconds_count", "succeeded",
                    customer.id(), "5"));
            assertThat(metrics).doesNotContain(agentId).doesNotContain(check);
        });
    }

    private static Pattern series(String name, String status, String tenant, String value) {
        return Pattern.compile("(?m)^" + name + "\\{[^}]*status=\"" + status + "\"[^}]*tenant=\"" + tenant
                + "\"[^}]*} " + Pattern.quote(value) + "$");
    }

    private void assertNothingOfTheOther(Customer own, Customer other) {
        List<String> answers = new ArrayList<>(seen(own));
        assertThat(answers).as("answers " + own.slug() + "'s users got").hasSizeGreaterThan(20);
        for (String secret : made.get(other.id())) {
            assertThat(answers).as(own.slug() + "'s answers naming " + other.slug() + "'s " + secret)
                    .noneMatch(answer -> answer.contains(secret));
        }
    }

    private String login(Customer customer, String email) {
        return gateway.call("POST", "/api/v1/auth/token", null, Map.of("email", email, "password", PASSWORD,
                "tenant", customer.slug()), 200).get("access_token").asString();
    }

    private JsonNode read(Customer customer, String path, String token) {
        JsonNode answer = gateway.call("GET", path, token, null, 200);
        seen(customer).add(answer.toString());
        return answer;
    }

    private JsonNode write(Customer customer, String method, String path, String token, Object body, int expected) {
        JsonNode answer = gateway.call(method, path, token, body, expected);
        if (answer != null) {
            seen(customer).add(answer.toString());
        }
        return answer;
    }

    private ConcurrentLinkedQueue<String> seen(Customer customer) {
        return seen.computeIfAbsent(customer.id(), id -> new ConcurrentLinkedQueue<>());
    }

    private void remember(String tenant, String... secrets) {
        made.computeIfAbsent(tenant, id -> ConcurrentHashMap.newKeySet()).addAll(List.of(secrets));
    }

    private static String scrape(String url) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }
}
