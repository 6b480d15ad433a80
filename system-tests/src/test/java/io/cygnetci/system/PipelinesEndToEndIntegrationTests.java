package io.cygnetci.system;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Pipelines end to end, as users see them: the platform a newcomer starts, every call through the gateway with the
 * demo users' real logins, the demo runners (real processes, registered and heartbeating with agent-service)
 * running real shell steps, and one more runner that is killed mid-job.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(SharedPlatform.class)
class PipelinesEndToEndIntegrationTests {

    private static final Duration PATIENCE = GatewayClient.PATIENCE;

    @TempDir
    static Path dir;

    private LocalPlatform platform;
    private final GatewayClient gateway = new GatewayClient();

    @BeforeAll
    void usePlatform() {
        platform = SharedPlatform.platform();
    }

    @Test
    void whenAliceTriggersTheDemoPipelinesThenAcmesRunnerRunsThemWithLogsAndSoftFailures() throws Exception {
        String alice = login("alice@acme-corp.example");
        String api = pipelineId(alice, "Build API Service");
        JsonNode queued = call("POST", "/api/v1/pipelines/" + api + "/executions", alice,
                Map.of("parameters", Map.of("TARGET_ENV", "production")), 201);
        JsonNode done = awaitEnd(alice, queued.get("id").asString());
        assertThat(done.get("status").asString()).isEqualTo("succeeded");
        assertThat(done.get("steps")).hasSize(4).allSatisfy(step -> assertThat(step.get("status").asString())
                .isEqualTo("succeeded"));
        assertThat(log(alice, done, 3)).contains("to production with token ****").doesNotContain("demo-deploy-token");
        assertThat(done.get("parameters").get("DEPLOY_TOKEN").asString()).isEqualTo("****");

        String web = pipelineId(alice, "Build Web App");
        JsonNode soft = awaitEnd(alice, call("POST", "/api/v1/pipelines/" + web + "/executions", alice, Map.of(),
                201).get("id").asString());
        assertThat(soft.get("status").asString()).isEqualTo("succeeded");
        assertThat(soft.get("steps").get(1).get("status").asString()).isEqualTo("failed");
        assertThat(soft.get("steps").get(1).get("exit_code").asInt()).isEqualTo(1);

        JsonNode acmeAgents = call("GET", "/api/v1/agents", alice, null, 200).get("items");
        assertThat(acmeAgents.toString()).contains(done.get("agent_id").asString());
        assertThat(platform.log("runner-acme-corp")).contains("\"Build API Service\"").contains("finished: succeeded");

        // another tenant sees none of it
        String carol = login("carol@techstart.example");
        call("GET", "/api/v1/executions/" + done.get("id").asString(), carol, null, 404);
        call("GET", "/api/v1/executions/" + done.get("id").asString() + "/steps/3/log", carol, null, 404);
        assertThat(call("GET", "/api/v1/executions", carol, null, 200).toString())
                .doesNotContain(done.get("id").asString());
    }

    @Test
    void whenBobCancelsARunningExecutionThenTheRunnerStopsItsStep() throws Exception {
        String bob = login("bob@acme-corp.example");
        String sleepy = call("POST", "/api/v1/pipelines", bob, Map.of("name", "Sleepy", "agent_labels", List.of("demo"),
                "steps", List.of(Map.of("name", "Sleep", "command", "echo sleeping; sleep 120"),
                        Map.of("name", "After", "command", "echo after"))), 201).get("id").asString();
        String execution = call("POST", "/api/v1/pipelines/" + sleepy + "/executions", bob, Map.of(), 201)
                .get("id").asString();
        await().atMost(PATIENCE).until(() -> logText(bob, execution, 0).contains("sleeping"));
        call("POST", "/api/v1/executions/" + execution + "/cancel", bob, null, 202);
        JsonNode cancelled = awaitEnd(bob, execution);
        assertThat(cancelled.get("status").asString()).isEqualTo("cancelled");
        assertThat(cancelled.get("steps").get(0).get("status").asString()).isEqualTo("cancelled");
        assertThat(cancelled.get("steps").get(1).get("status").asString()).isEqualTo("skipped");
        assertThat(cancelled.get("duration_ms").asLong()).isLessThan(60_000);
    }

    @Test
    void whenARunnerDiesMidJobThenItsExecutionFailsWithAgentLost() throws Exception {
        String alice = login("alice@acme-corp.example");
        call("PUT", "/api/v1/agents/settings", alice, Map.of("heartbeat_interval_seconds", 1,
                "offline_after_seconds", 4), 200);
        String token = call("POST", "/api/v1/agent-tokens", alice, Map.of("description", "doomed runner"), 201)
                .get("token").asString();
        Path workDir = Files.createDirectories(dir.resolve("doomed"));
        Process runner = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", LocalPlatform.projectRoot().resolve("runner/target/runner.jar").toString(),
                "--server-url=" + LocalPlatform.GATEWAY, "--token=" + token, "--name=doomed",
                "--labels=doomed", "--work-dir=" + workDir)
                .redirectErrorStream(true).redirectOutput(dir.resolve("doomed.log").toFile()).start();
        try {
            String pipeline = call("POST", "/api/v1/pipelines", alice, Map.of("name", "Doomed",
                    "agent_labels", List.of("doomed"), "steps", List.of(Map.of("name", "Long",
                            "command", "echo working; sleep 120"))), 201).get("id").asString();
            String execution = call("POST", "/api/v1/pipelines/" + pipeline + "/executions", alice, Map.of(), 201)
                    .get("id").asString();
            await().atMost(PATIENCE).until(() -> logText(alice, execution, 0).contains("working"));

            runner.destroyForcibly().waitFor(10, TimeUnit.SECONDS);

            JsonNode lost = awaitEnd(alice, execution);
            assertThat(lost.get("status").asString()).isEqualTo("failed");
            assertThat(lost.get("reason").asString()).isEqualTo("agent_lost");
            assertThat(lost.get("steps").get(0).get("status").asString()).isEqualTo("failed");
        }
        finally {
            runner.destroyForcibly();
            call("PUT", "/api/v1/agents/settings", alice, Map.of("heartbeat_interval_seconds", 10), 200);
        }
    }

    private JsonNode awaitEnd(String token, String execution) {
        return gateway.awaitExecutionEnd(token, execution);
    }

    private String pipelineId(String token, String name) {
        return gateway.pipelineId(token, name);
    }

    private String log(String token, JsonNode execution, int step) {
        return gateway.log(token, execution.get("id").asString(), step);
    }

    private String logText(String token, String execution, int step) {
        return gateway.log(token, execution, step);
    }

    private String login(String email) {
        return gateway.login(email);
    }

    private JsonNode call(String method, String path, String token, Object body, int expected) {
        return gateway.call(method, path, token, body, expected);
    }
}
