package io.cygnetci.system.badinput;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.cygnetci.system.GatewayClient;
import io.cygnetci.system.LocalPlatform;
import io.cygnetci.system.SandboxTenant;
import io.cygnetci.system.SharedPlatform;
import io.cygnetci.system.api.ApiCatalog;
import io.cygnetci.system.api.ExampleBodies;
import io.cygnetci.system.api.Operation;
import io.cygnetci.system.api.TenantSnapshot;
import io.cygnetci.system.http.RawHttp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every operation with a request body, from the services' OpenAPI documents, sent every bad body of
 * {@link BadBodies} by a caller allowed to call it, on its own tenant's real objects (so that nothing but the body
 * can be wrong). Each answer must be a 4xx problem+json whose {@code status} is the answer's, never a 5xx, and the
 * tenant's data must read the same afterwards: nothing was partly written.
 */
@ExtendWith(SharedPlatform.class)
class BadInputIntegrationTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final GatewayClient gateway = new GatewayClient();
    private final RawHttp http = new RawHttp(LocalPlatform.GATEWAY);

    @Test
    void whenEveryOperationWithABodyGetsEveryKindOfBadBodyThenEachAnswersA4xxProblemAndNothingIsWritten() {
        ApiCatalog catalog = ApiCatalog.read(http);
        SandboxTenant tenant = SandboxTenant.create(gateway, "badinput");
        String admin = tenant.adminToken();
        TenantSnapshot before = snapshot(catalog, tenant, admin);
        List<String> wrong = new ArrayList<>();
        Map<String, Integer> statuses = new TreeMap<>();
        int attempts = 0;
        int operations = 0;

        for (Operation operation : catalog.operations()) {
            if (!operation.hasBody()) {
                continue;
            }
            operations++;
            String path = pathOf(operation, tenant);
            List<BadBodies.BadBody> bodies = operation.hasJsonBody()
                    ? BadBodies.forJson((ObjectNode) new ExampleBodies(tenant::id).body(operation.bodySchema()),
                            operation.bodySchema(), operation.bodyRequired())
                    : BadBodies.forOther(operation.bodyMediaType());
            for (BadBodies.BadBody body : bodies) {
                RawHttp.Request request = http.request(operation.method(), path)
                        .body(body.contentType(), body.bytes());
                authorize(request, operation, tenant, admin);
                if (body.chunked()) {
                    request.chunked();
                }
                RawHttp.Response response = request.send();
                attempts++;
                statuses.merge(body.name().replaceAll("-[a-z_]+$", "-*").replaceAll("^(wrong-type|huge-string|"
                        + "huge-array|missing|null|deeply-nested|many-entries)-.*", "$1-*") + " " + response.status(),
                        1, Integer::sum);
                String problem = problemError(response);
                if (problem != null) {
                    wrong.add(operation + " " + body.name() + " -> " + response.status() + ": " + problem);
                }
            }
        }

        System.out.printf("Bad input: %d operations with a body, %d bad bodies sent, %d answers not a 4xx problem%n",
                operations, attempts, wrong.size());
        statuses.forEach((kind, count) -> System.out.printf("  %-40s %d%n", kind, count));
        assertThat(wrong).as("answers to bad bodies that are not a 4xx problem+json").isEmpty();
        assertThat(snapshot(catalog, tenant, admin).differencesFrom(before)).as("the tenant's data afterwards")
                .isEmpty();

        // the control: the bodies the bad ones were made from are good ones, so each refusal was for what was made bad
        List<String> refused = new ArrayList<>();
        for (Operation operation : catalog.operations()) {
            if (operation.hasJsonBody() && !operation.path().endsWith("/jobs/request")) {
                RawHttp.Request request = http.request(operation.method(), pathOf(operation, tenant))
                        .json(new ExampleBodies(tenant::id).body(operation.bodySchema()).toString());
                authorize(request, operation, tenant, admin);
                RawHttp.Response response = request.send();
                if (response.status() >= 300) {
                    refused.add(operation + " -> " + response.status() + " " + abbreviate(response.body()));
                }
            }
        }
        System.out.printf("Control: %d of %d example bodies refused%n", refused.size(), operations - 1);
        refused.forEach(line -> System.out.println("  " + line));
        assertThat(refused).as("example bodies refused (for their state or the caller's role, not their shape)")
                .hasSizeLessThan((operations - 1) / 3);
    }

    private static String pathOf(Operation operation, SandboxTenant tenant) {
        return operation.expand(parameter -> parameter.equals("index") ? "0"
                : tenant.id(operation.collectionOf(parameter)))
                + (operation.requiredQuery().isEmpty() ? "" : "?" + operation.requiredQuery());
    }

    /** Whoever may call the operation: the runner protocol takes the agent's credential, registering its token. */
    private static void authorize(RawHttp.Request request, Operation operation, SandboxTenant tenant, String admin) {
        if (operation.path().startsWith("/api/v1/jobs") || operation.path().endsWith("/heartbeat")) {
            request.bearer(tenant.agentCredential);
        }
        else if (operation.path().endsWith("/agents/register")) {
            request.header("Authorization", "Token " + tenant.registrationToken);
        }
        else if (!operation.isPublic()) {
            request.bearer(admin);
        }
    }

    /** What is wrong with the answer to a bad body, or {@code null} when it is a proper 4xx problem. */
    private static String problemError(RawHttp.Response response) {
        if (response.status() < 400 || response.status() >= 500 || response.status() == 429) {
            return "not a 4xx refusal: " + abbreviate(response.body());
        }
        if (!response.isProblem()) {
            return "not problem+json but " + response.contentType() + ": " + abbreviate(response.body());
        }
        JsonNode problem = JSON.readTree(response.body());
        if (problem.path("status").asInt() != response.status() || problem.path("title").asString("").isBlank()) {
            return "a problem without its status or title: " + abbreviate(response.body());
        }
        return null;
    }

    private static String abbreviate(String body) {
        return body == null || body.length() < 300 ? body : body.substring(0, 300) + "…";
    }

    private static TenantSnapshot snapshot(ApiCatalog catalog, SandboxTenant tenant, String admin) {
        return TenantSnapshot.take(catalog, new RawHttp(LocalPlatform.GATEWAY), admin,
                parameter -> parameter.name().equals("index") ? "0" : tenant.id(parameter.collection()));
    }
}
