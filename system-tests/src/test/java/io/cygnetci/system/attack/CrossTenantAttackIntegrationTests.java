package io.cygnetci.system.attack;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.UnaryOperator;

import io.cygnetci.system.GatewayClient;
import io.cygnetci.system.LocalPlatform;
import io.cygnetci.system.SandboxTenant;
import io.cygnetci.system.SharedPlatform;
import io.cygnetci.system.api.ApiCatalog;
import io.cygnetci.system.api.ExampleBodies;
import io.cygnetci.system.api.Operation;
import io.cygnetci.system.api.TenantSnapshot;
import io.cygnetci.system.http.RawHttp;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Broken object-level authorization, tried on every operation the services' OpenAPI documents list (so a new
 * endpoint is attacked without anyone adding it here): another tenant's admin, and another tenant's agent, replay
 * each operation with the victim's real ids in the path, the filters and the body; with the victim's tenant named by
 * {@code X-Tenant-ID} (id or slug), by subdomain, by both, and by a repeated header; and with tokens that are
 * expired, tampered, {@code alg: none}, signed by another key, or of a deactivated tenant. No answer may carry any of
 * the victim's ids or names, the statuses must be those DESIGN.md gives (404 for another tenant's object, 403 for
 * naming another tenant or lacking the role, 401 for a bad token; a 400 or 403 only when ids that exist nowhere get
 * the same, so that it tells nothing), and the victim's data must read the same afterwards. Each run writes every
 * attempt to {@code target/cross-tenant-attack-*.txt}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(SharedPlatform.class)
class CrossTenantAttackIntegrationTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final GatewayClient gateway = new GatewayClient();
    private final RawHttp http = new RawHttp(LocalPlatform.GATEWAY);
    private ApiCatalog catalog;
    private SandboxTenant victim;
    private SandboxTenant attacker;
    private final List<Attempt> attempts = new ArrayList<>();

    /**
     * @param oracle whether the answer differs from the answer for ids that exist nowhere: then it tells the attacker
     *        something about the victim's id
     */
    record Attempt(String variant, Operation operation, String path, int status, String problem, String leak,
            boolean oracle) {
    }

    @BeforeAll
    void prepare() {
        catalog = ApiCatalog.read(http);
        victim = SandboxTenant.create(gateway, "victim");
        attacker = SandboxTenant.create(gateway, "mallory");
    }

    @Test
    void whenAnotherTenantReplaysEveryOperationWithTheVictimsIdsThenNothingLeaksAndNothingChanges() {
        attempts.clear();
        TenantSnapshot before = snapshot();
        assertThat(before.size()).as("readable operations the victim's data is compared on").isGreaterThan(15);
        provesTheVictimsIdsAreReal();
        String attackerToken = attacker.adminToken();

        for (Operation operation : attackable()) {
            String path = withVictimIds(operation);
            boolean namesTheVictim = !operation.pathParameters().isEmpty() || !path.equals(operation.path())
                    || bodyNamesTheVictim(operation);
            if (namesTheVictim) {
                attempt("as-another-tenant", operation, path, attackerToken, UnaryOperator.identity());
                attempt("as-another-tenants-agent", operation, path, attacker.agentCredential,
                        UnaryOperator.identity());
            }
            attempt("x-tenant-id", operation, path, attackerToken, r -> r.header("X-Tenant-ID", victim.id));
            attempt("x-tenant-id-slug", operation, path, attackerToken, r -> r.header("X-Tenant-ID", victim.slug));
            attempt("subdomain", operation, path, attackerToken, r -> r.header("Host", victimHost()));
            attempt("subdomain-and-header", operation, path, attackerToken,
                    r -> r.header("Host", victimHost()).header("X-Tenant-ID", victim.id));
            attempt("repeated-x-tenant-id", operation, path, attackerToken,
                    r -> r.header("X-Tenant-ID", attacker.id).header("X-Tenant-ID", victim.id));
            attempt("x-tenant-id-as-agent", operation, path, attacker.agentCredential,
                    r -> r.header("X-Tenant-ID", victim.id));
        }

        report("ids-and-tenant-headers");
        assertNoLeakAndExpectedStatuses(Map.of(
                "as-another-tenant", Set.of(400, 403, 404),
                "as-another-tenants-agent", Set.of(401, 403, 404),
                "x-tenant-id", Set.of(403), "x-tenant-id-slug", Set.of(403), "subdomain", Set.of(403),
                "subdomain-and-header", Set.of(403), "repeated-x-tenant-id", Set.of(400),
                "x-tenant-id-as-agent", Set.of(403)));
        assertThat(snapshot().differencesFrom(before)).as("the victim's data after the attack").isEmpty();
    }

    @Test
    void whenTokensAreExpiredTamperedUnsignedForeignOrOfADeactivatedTenantThenEveryOperationAnswers401() {
        attempts.clear();
        TenantSnapshot before = snapshot();
        ForgedTokens forged = new ForgedTokens(attacker.adminToken(), victim.id);
        Map<String, String> tokens = new LinkedHashMap<>();
        tokens.put("expired", forged.expired(platformKey()));
        tokens.put("tampered", forged.tampered());
        tokens.put("alg-none", forged.unsigned());
        tokens.put("another-key", forged.signedByAnotherKey());
        tokens.put("deactivated-tenant", deactivatedTenantsToken());

        for (Operation operation : attackable()) {
            String path = withVictimIds(operation);
            tokens.forEach((variant, token) -> attempt(variant, operation, path, token, UnaryOperator.identity()));
        }

        report("tokens");
        assertNoLeakAndExpectedStatuses(Map.of("expired", Set.of(401), "tampered", Set.of(401),
                "alg-none", Set.of(401), "another-key", Set.of(401), "deactivated-tenant", Set.of(401, 403)));
        assertThat(snapshot().differencesFrom(before)).as("the victim's data after the attack").isEmpty();
    }

    /** Operations open to anyone (log in, register, key sets) have nothing of a tenant's to attack. */
    private List<Operation> attackable() {
        return catalog.operations().stream().filter(operation -> !operation.isPublic()).toList();
    }

    private void attempt(String variant, Operation operation, String path, String token,
            UnaryOperator<RawHttp.Request> spoof) {
        RawHttp.Request request = http.request(operation.method(), path).bearer(token);
        if (operation.hasJsonBody()) {
            request.json(JSON.writeValueAsString(new ExampleBodies(victim::id).body(operation.bodySchema())));
        }
        else if (operation.hasBody()) {
            request.body(operation.bodyMediaType(), "attack\n".getBytes());
        }
        RawHttp.Response response = spoof.apply(request).send();
        boolean oracle = false;
        if (variant.equals("as-another-tenant") && response.status() != 404 && !operation.pathParameters().isEmpty()) {
            oracle = answerForUnknownIds(operation, token).status() != response.status();
        }
        attempts.add(new Attempt(variant, operation, path, response.status(), problemType(response),
                leakIn(response, path), oracle));
    }

    /** The same request with ids no tenant has. */
    private RawHttp.Response answerForUnknownIds(Operation operation, String token) {
        String path = operation.expand(parameter -> parameter.equals("index") ? "0" : UUID.randomUUID().toString());
        RawHttp.Request request = http.request(operation.method(), operation.requiredQuery().isEmpty() ? path
                : path + "?" + operation.requiredQuery()).bearer(token);
        if (operation.hasJsonBody()) {
            request.json(JSON.writeValueAsString(new ExampleBodies(victim::id).body(operation.bodySchema())));
        }
        return request.send();
    }

    /** The first of the victim's secrets the answer carries, if any (an error echoing the request's own path aside). */
    private String leakIn(RawHttp.Response response, String path) {
        StringBuilder answer = new StringBuilder();
        response.headers().forEach((name, values) -> answer.append(name).append(": ").append(values).append('\n'));
        String body = response.body() == null ? "" : response.body();
        if (response.isProblem() && body.startsWith("{")) {
            ObjectNode problem = (ObjectNode) JSON.readTree(body);
            if (problem.path("instance").asString("").equals(path.replaceAll("\\?.*", ""))) {
                problem.remove("instance");
            }
            body = problem.toString();
        }
        answer.append(body);
        return victim.secrets().stream().filter(answer.toString()::contains).findFirst().orElse(null);
    }

    private void assertNoLeakAndExpectedStatuses(Map<String, Set<Integer>> expected) {
        List<String> leaks = attempts.stream().filter(a -> a.leak() != null)
                .map(a -> a.variant() + " " + a.operation() + " -> " + a.status() + " carries " + a.leak()).toList();
        assertThat(leaks).as("answers carrying the victim's data").isEmpty();
        assertThat(attempts.stream().filter(Attempt::oracle).map(a -> a.variant() + " " + a.operation() + " -> "
                + a.status() + " " + a.problem())).as("answers that differ for the victim's ids and unknown ids")
                .isEmpty();
        List<String> unexpected = attempts.stream()
                .filter(a -> !expected.get(a.variant()).contains(a.status()))
                .filter(a -> !(a.status() == 200 && a.operation().isRead() && !a.variant().startsWith("x-")
                        && !a.variant().startsWith("sub") && expected.get(a.variant()).contains(404)))
                .map(a -> a.variant() + " " + a.operation() + " (" + a.path() + ") -> " + a.status() + " "
                        + a.problem())
                .toList();
        assertThat(unexpected).as("answers other than DESIGN.md's").isEmpty();
    }

    /** Every attempt in {@code target/cross-tenant-attack-<test>.txt}, the totals on the console. */
    private void report(String test) {
        List<String> lines = attempts.stream().map(a -> String.join("\t", a.variant(), a.operation().toString(),
                a.path(), String.valueOf(a.status()), String.valueOf(a.problem()), String.valueOf(a.leak()))).toList();
        try {
            java.nio.file.Files.write(Path.of("target", "cross-tenant-attack-" + test + ".txt"), lines);
        }
        catch (java.io.IOException ex) {
            throw new java.io.UncheckedIOException(ex);
        }
        Map<String, Map<Integer, Integer>> statuses = new TreeMap<>();
        attempts.forEach(a -> statuses.computeIfAbsent(a.variant(), v -> new TreeMap<>()).merge(a.status(), 1,
                Integer::sum));
        long leaks = attempts.stream().filter(a -> a.leak() != null).count();
        System.out.printf("Cross-tenant attack: %d operations of %d services, %d attempts, %d leaks%n",
                attackable().size(), catalog.services().size(), attempts.size(), leaks);
        statuses.forEach((variant, counts) -> System.out.printf("  %-26s %s%n", variant, counts));
    }

    private String withVictimIds(Operation operation) {
        String path = operation.expand(parameter -> victimValue(operation, parameter));
        List<String> filters = new ArrayList<>();
        if (!operation.requiredQuery().isEmpty()) {
            filters.add(operation.requiredQuery());
        }
        operation.queryParameters().keySet().stream().filter(ExampleBodies::isReference).forEach(name -> {
            String id = victim.id(ExampleBodies.collectionOfProperty(name));
            assertThat(id).as("the victim's id for the filter " + name + " of " + operation).isNotNull();
            filters.add(name + "=" + id);
        });
        return filters.isEmpty() ? path : path + "?" + String.join("&", filters);
    }

    private String victimValue(Operation operation, String parameter) {
        if (parameter.equals("index")) {
            return "0";
        }
        String id = victim.id(operation.collectionOf(parameter));
        assertThat(id).as("the victim's id for {" + parameter + "} of " + operation
                + ": a new kind of object needs one in SandboxTenant").isNotNull();
        return id;
    }

    private static boolean bodyNamesTheVictim(Operation operation) {
        return operation.hasJsonBody() && operation.bodySchema().path("properties").propertyNames().stream()
                .anyMatch(ExampleBodies::isReference);
    }

    /** The victim reads every object by id with the same requests: the ids the attack uses are real. */
    private void provesTheVictimsIdsAreReal() {
        String token = victim.adminToken();
        for (Operation operation : attackable()) {
            if (operation.isRead() && !operation.pathParameters().isEmpty() && !operation.path().startsWith("/api/v1/jobs")) {
                RawHttp.Response response = http.request("GET", withVictimIds(operation)).bearer(token).send();
                assertThat(response.status()).as("the victim's own " + operation + ": " + response.body())
                        .isEqualTo(200);
            }
        }
    }

    private TenantSnapshot snapshot() {
        return TenantSnapshot.take(catalog, http, victim.adminToken(), parameter -> parameter.name().equals("index")
                ? "0" : victim.id(parameter.collection()));
    }

    private String victimHost() {
        return victim.slug + ".localhost:8080";
    }

    private Path platformKey() {
        return SharedPlatform.platform().state.resolve("keys").resolve("user-tokens.pem");
    }

    /** A real token of a user whose tenant a platform admin deactivated after it was issued. */
    private String deactivatedTenantsToken() {
        SandboxTenant.Minimal gone = SandboxTenant.minimal(gateway, "gone");
        String token = gone.adminToken();
        String platformAdmin = gateway.login(SandboxTenant.PLATFORM_ADMIN, SandboxTenant.PLATFORM_ADMIN_PASSWORD);
        gateway.call("POST", "/api/v1/tenants/" + gone.id() + "/deactivate", platformAdmin, null, Set.of(200, 204));
        // the gateway and the services learn of it by event: the token is refused once they have
        long deactivated = System.nanoTime();
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30))
                .pollInterval(java.time.Duration.ofMillis(50))
                .until(() -> http.request("GET", "/api/v1/tenants/current").bearer(token).send().status() == 403);
        System.out.printf("Deactivation: a token of the tenant refused %d ms after the deactivation was answered%n",
                (System.nanoTime() - deactivated) / 1_000_000);
        return token;
    }

    private static String problemType(RawHttp.Response response) {
        if (!response.isProblem()) {
            return response.contentType();
        }
        JsonNode problem = JSON.readTree(response.body());
        return problem.path("type").asString("") + " " + problem.path("detail").asString("");
    }
}
