package io.cygnetci.system;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Releases end to end: the demo release promoted through Acme's environments by its users, every call through the
 * gateway, each stage's pipelines really run by Acme's demo runner, approvals at Production, and a QA failure that
 * blocks promotion until QA is redeployed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(SharedPlatform.class)
class ReleasesEndToEndIntegrationTests {

    private static final Duration PATIENCE = Duration.ofMinutes(3);

    @TempDir
    Path dir;

    private final GatewayClient gateway = new GatewayClient();

    @Test
    void whenTheDemoReleaseIsPromotedToProductionThenEveryStageRunsItsPipelinesAndBobApprovesProduction() {
        String alice = gateway.login("alice@acme-corp.example");
        String bob = gateway.login("bob@acme-corp.example");
        JsonNode release = demoRelease(alice);
        String releaseId = release.get("id").asString();
        Map<String, String> environments = environments(alice);

        for (String environment : List.of("Dev", "QA", "Staging")) {
            JsonNode deployment = deploy(alice, releaseId, environments.get(environment), 201);
            assertThat(deployment.get("status").asString()).isEqualTo("running");
            JsonNode done = awaitDeploymentEnd(alice, deployment.get("id").asString());
            assertThat(done.get("status").asString()).as(environment).isEqualTo("succeeded");
            assertThat(done.get("pipelines")).hasSize(2);
            for (JsonNode run : done.get("pipelines")) {
                JsonNode execution = gateway.call("GET", "/api/v1/executions/" + run.get("execution_id").asString(),
                        alice, null, 200);
                assertThat(execution.get("status").asString()).isEqualTo("succeeded");
                assertThat(execution.get("deployment_id").asString()).isEqualTo(done.get("id").asString());
                assertThat(execution.get("parameters").get("CYGNETCI_ENVIRONMENT").asString()).isEqualTo(environment);
                if (run.get("name").asString().equals("Build API Service")) {
                    assertThat(gateway.log(alice, execution.get("id").asString(), 3)).contains("to " + environment
                            + " with token ****");
                }
            }
        }

        JsonNode production = deploy(alice, releaseId, environments.get("Production"), 201);
        String productionId = production.get("id").asString();
        assertThat(production.get("status").asString()).isEqualTo("awaiting_approval");
        gateway.call("POST", "/api/v1/deployments/" + productionId + "/approve", alice, Map.of("comment", "mine"),
                403);
        JsonNode approved = gateway.call("POST", "/api/v1/deployments/" + productionId + "/approve", bob,
                Map.of("comment", "Approved for the 2.0 launch"), 200);
        assertThat(approved.get("status").asString()).isEqualTo("running");
        assertThat(awaitDeploymentEnd(bob, productionId).get("status").asString()).isEqualTo("succeeded");

        JsonNode completed = gateway.call("GET", "/api/v1/releases/" + releaseId, bob, null, 200);
        assertThat(completed.get("status").asString()).isEqualTo("completed");
        completed.get("stages").forEach(stage -> assertThat(stage.get("status").asString()).isEqualTo("succeeded"));

        // another tenant sees none of it
        String carol = gateway.login("carol@techstart.example");
        gateway.call("GET", "/api/v1/releases/" + releaseId, carol, null, 404);
        gateway.call("GET", "/api/v1/deployments/" + productionId, carol, null, 404);
        gateway.call("POST", "/api/v1/deployments/" + productionId + "/cancel", carol, null, 404);
        assertThat(gateway.call("GET", "/api/v1/deployments?limit=200", carol, null, 200).toString())
                .doesNotContain(productionId);
    }

    @Test
    void whenQaFailsThenStagingIsBlockedUntilQaIsRedeployedAfterTheFix() throws Exception {
        String bob = gateway.login("bob@acme-corp.example");
        Path fixed = dir.resolve("qa-database-migrated");
        String pipeline = gateway.call("POST", "/api/v1/pipelines", bob, Map.of("name", "Smoke Test",
                "agent_labels", List.of("demo"), "steps", List.of(Map.of("name", "Smoke", "command", """
                        echo "smoke testing $CYGNETCI_ENVIRONMENT"
                        if [ "$CYGNETCI_ENVIRONMENT" = QA ] && [ ! -f '%s' ]; then echo 'QA database is not migrated'; exit 3; fi
                        echo 'all green'""".formatted(fixed)))), 201).get("id").asString();
        // release-service learns of the new pipeline by event: until then the release answers 404
        AtomicReference<String> created = new AtomicReference<>();
        await().atMost(PATIENCE).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> created.set(gateway.call(
                "POST", "/api/v1/releases", bob, Map.of("name", "Smoke", "version", "1.0.0", "pipeline_ids",
                        List.of(pipeline)), 201).get("id").asString()));
        String releaseId = created.get();
        Map<String, String> environments = environments(bob);

        String dev = deploy(bob, releaseId, environments.get("Dev"), 201).get("id").asString();
        assertThat(awaitDeploymentEnd(bob, dev).get("status").asString()).isEqualTo("succeeded");
        String qa = deploy(bob, releaseId, environments.get("QA"), 201).get("id").asString();
        JsonNode failed = awaitDeploymentEnd(bob, qa);
        assertThat(failed.get("status").asString()).isEqualTo("failed");
        assertThat(failed.get("reason").asString()).isEqualTo("pipeline_failed");
        String execution = failed.get("pipelines").get(0).get("execution_id").asString();
        assertThat(gateway.log(bob, execution, 0)).contains("QA database is not migrated");

        JsonNode blocked = deploy(bob, releaseId, environments.get("Staging"), 409);
        assertThat(blocked.get("detail").asString()).contains("QA").contains("failed");

        Files.createFile(fixed);
        String again = deploy(bob, releaseId, environments.get("QA"), 201).get("id").asString();
        assertThat(awaitDeploymentEnd(bob, again).get("status").asString()).isEqualTo("succeeded");
        String staging = deploy(bob, releaseId, environments.get("Staging"), 201).get("id").asString();
        assertThat(awaitDeploymentEnd(bob, staging).get("status").asString()).isEqualTo("succeeded");
    }

    private JsonNode demoRelease(String token) {
        for (JsonNode item : gateway.call("GET", "/api/v1/releases?q=2.0.0", token, null, 200).get("items")) {
            if (item.get("name").asString().equals("v2.0 Release Pipeline")) {
                return item;
            }
        }
        throw new AssertionError("no demo release");
    }

    private Map<String, String> environments(String token) {
        Map<String, String> ids = new java.util.HashMap<>();
        gateway.call("GET", "/api/v1/environments", token, null, 200).get("items")
                .forEach(e -> ids.put(e.get("name").asString(), e.get("id").asString()));
        return ids;
    }

    private JsonNode deploy(String token, String release, String environment, int expected) {
        return gateway.call("POST", "/api/v1/releases/" + release + "/deployments", token,
                Map.of("environment_id", environment), expected);
    }

    private JsonNode awaitDeploymentEnd(String token, String deployment) {
        await().atMost(PATIENCE).pollInterval(Duration.ofSeconds(1)).until(() -> !Set.of("awaiting_approval",
                "running").contains(gateway.call("GET", "/api/v1/deployments/" + deployment, token, null, 200)
                        .get("status").asString()));
        return gateway.call("GET", "/api/v1/deployments/" + deployment, token, null, 200);
    }
}
