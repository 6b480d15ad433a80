package io.cygnetci.pipeline.job.runner;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.cygnetci.pipeline.support.PipelineApi;
import io.cygnetci.pipeline.support.PipelineApi.TestAgent;
import io.cygnetci.pipeline.support.PipelineServiceTest;
import io.cygnetci.platform.test.events.EventSchemas;
import io.cygnetci.platform.test.kafka.KafkaServer;
import io.cygnetci.platform.test.kafka.TopicRecorder;
import io.cygnetci.runner.Console;
import io.cygnetci.runner.WorkTracker;
import io.cygnetci.runner.api.JobApiClient;
import io.cygnetci.runner.job.AgentSession;
import io.cygnetci.runner.job.JobExecutor;
import io.cygnetci.runner.job.JobTimings;
import io.cygnetci.runner.job.JobWorkers;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.web.server.LocalServerPort;

import static io.cygnetci.pipeline.support.PipelineApi.PATIENCE;
import static io.cygnetci.pipeline.support.PipelineApi.bearer;
import static io.cygnetci.pipeline.support.PipelineApi.pipeline;
import static io.cygnetci.pipeline.support.PipelineApi.step;
import static io.cygnetci.pipeline.support.PipelineApi.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * End to end with the reference runner's job code: real shell steps in a real workspace, their output streamed to
 * the real service, results and events as users and billing see them. The runner's registration and heartbeat
 * half is agent-service's business (its own tests); here the agent's credential is given to the runner.
 */
class RunnerJobsIntegrationTests extends PipelineServiceTest {

    @LocalServerPort
    int port;

    @TempDir
    Path workDir;

    JobWorkers runner;
    final ByteArrayOutputStream console = new ByteArrayOutputStream();

    @AfterEach
    void stopRunner() {
        if (runner != null) {
            runner.stop();
        }
    }

    /** Starts the runner's job slots for this agent, as a registered and heartbeating runner does. */
    void startRunner(TestAgent agent, int concurrency) {
        String credential = agent.credential();
        AgentSession session = new AgentSession() {
            @Override
            public String credential() {
                return credential;
            }

            @Override
            public boolean takingWork() {
                return true;
            }

            @Override
            public void credentialRefused(String refused) {
                throw new AssertionError("the service refused the agent's credential");
            }
        };
        JobApiClient jobs = new JobApiClient(URI.create("http://localhost:" + port), "test");
        Console out = new Console(new PrintStream(console, true, StandardCharsets.UTF_8), Clock.systemUTC());
        JobTimings timings = JobTimings.standard(Duration.ofSeconds(2));
        runner = new JobWorkers(concurrency, jobs, session,
                new JobExecutor(jobs, session, workDir, false, out, timings), new WorkTracker(), out, timings);
        runner.start();
    }

    JsonNode awaitFinished(UUID tenant, UUID execution) {
        await().atMost(PATIENCE).until(() -> !java.util.Set.of("queued", "running")
                .contains(api.execution(tenant, execution).get("status").asString()));
        return api.execution(tenant, execution);
    }

    @Test
    void whenAPipelineWithAFailingStepRunsOnTheRunnerThenStatusesExitCodesLogsAndEventsAreRight() throws Exception {
        UUID tenant = api.tenant();
        TestAgent agent = api.agent(tenant, "linux");
        Map<String, Object> body = pipeline("Three steps", List.of(
                step("Build", "echo \"building for $TARGET in $(basename $PWD)\"; echo artefact > out.txt"),
                step("Test", "cat out.txt; echo 'token is '$API_TOKEN; echo 'test failed' >&2; exit 3"),
                step("Deploy", "echo never")));
        body.put("agent_labels", List.of("linux"));
        body.put("parameters", List.of(Map.of("name", "TARGET", "default", "qa"),
                Map.of("name", "API_TOKEN", "default", "s3cret-token-123", "secret", true)));
        UUID pipeline = api.pipelineId(tenant, body);
        try (TopicRecorder events = new TopicRecorder(KafkaServer.bootstrapServers(),
                "cygnetci.pipeline-executions.v1")) {
            startRunner(agent, 1);
            UUID execution = api.execute(tenant, pipeline, Map.of("TARGET", "production"));
            JsonNode finished = awaitFinished(tenant, execution);

            assertThat(finished.get("status").asString()).isEqualTo("failed");
            assertThat(finished.get("reason").asString()).isEqualTo("step_failed");
            assertThat(finished.get("agent_id").asString()).isEqualTo(agent.id().toString());
            JsonNode steps = finished.get("steps");
            assertThat(steps.get(0).get("status").asString()).isEqualTo("succeeded");
            assertThat(steps.get(0).get("exit_code").asInt()).isZero();
            assertThat(steps.get(1).get("status").asString()).isEqualTo("failed");
            assertThat(steps.get(1).get("exit_code").asInt()).isEqualTo(3);
            assertThat(steps.get(2).get("status").asString()).isEqualTo("skipped");
            assertThat(api.log(tenant, execution, 0)).contains("building for production in " + execution);
            String testLog = api.log(tenant, execution, 1);
            assertThat(testLog).contains("artefact").contains("token is ****").contains("test failed")
                    .doesNotContain("s3cret-token-123");
            assertThat(api.log(tenant, execution, 2)).isEmpty();

            await().atMost(PATIENCE).until(() -> PipelineApi.events(events, "io.cygnetci.execution.finished.v1",
                    tenant).size() == 1);
            List<ConsumerRecord<String, byte[]>> stepEvents = PipelineApi.events(events,
                    "io.cygnetci.execution.step-finished.v1", tenant);
            assertThat(stepEvents).hasSize(3);
            for (String type : List.of("queued", "started", "step-finished", "finished")) {
                for (ConsumerRecord<String, byte[]> record : PipelineApi.events(events,
                        "io.cygnetci.execution." + type + ".v1", tenant)) {
                    assertThat(EventSchemas.validate("io.cygnetci.execution." + type + ".v1", record.value()))
                            .isEmpty();
                }
            }
            // the workspace is cleaned up after the job
            await().atMost(PATIENCE).until(() -> !Files.exists(workDir.resolve("work").resolve(PipelineApi.slug(tenant))
                    .resolve(execution.toString())));
            assertThat(console.toString()).contains("step 2/3 Test: failed (exit 3");
        }
    }

    @Test
    void whenAStepFailsWithContinueOnErrorThenTheExecutionGoesOnAndSucceeds() {
        UUID tenant = api.tenant();
        TestAgent agent = api.agent(tenant);
        Map<String, Object> lint = step("Lint", "echo '2 warnings'; exit 1");
        lint.put("continue_on_error", true);
        UUID pipeline = api.pipelineId(tenant, pipeline("Soft fail", List.of(lint, step("Build", "echo built"))));
        startRunner(agent, 1);
        UUID execution = api.execute(tenant, pipeline, Map.of());
        JsonNode finished = awaitFinished(tenant, execution);
        assertThat(finished.get("status").asString()).isEqualTo("succeeded");
        assertThat(finished.get("steps").get(0).get("status").asString()).isEqualTo("failed");
        assertThat(finished.get("steps").get(1).get("status").asString()).isEqualTo("succeeded");
        assertThat(api.log(tenant, execution, 1)).isEqualTo("built\n");
    }

    @Test
    void whenAStepOutlivesItsTimeoutThenItIsKilledAndTheExecutionTimesOut() {
        UUID tenant = api.tenant();
        TestAgent agent = api.agent(tenant);
        Map<String, Object> slow = step("Slow", "echo started; sleep 60 & wait");
        slow.put("timeout_seconds", 2);
        UUID pipeline = api.pipelineId(tenant, pipeline("Timeout", List.of(slow, step("After", "echo no"))));
        startRunner(agent, 1);
        long start = System.nanoTime();
        UUID execution = api.execute(tenant, pipeline, Map.of());
        JsonNode finished = awaitFinished(tenant, execution);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(30));
        assertThat(finished.get("status").asString()).isEqualTo("timed_out");
        assertThat(finished.get("steps").get(0).get("status").asString()).isEqualTo("timed_out");
        assertThat(finished.get("steps").get(1).get("status").asString()).isEqualTo("skipped");
        assertThat(api.log(tenant, execution, 0)).contains("started");
    }

    @Test
    void whenAUserCancelsARunningExecutionThenTheRunnerStopsTheStepAndItEndsCancelled() {
        UUID tenant = api.tenant();
        TestAgent agent = api.agent(tenant);
        UUID pipeline = api.pipelineId(tenant, pipeline("Long", List.of(
                step("Wait", "echo waiting; sleep 120"), step("After", "echo no"))));
        startRunner(agent, 1);
        UUID execution = api.execute(tenant, pipeline, Map.of());
        await().atMost(PATIENCE).until(() -> api.log(tenant, execution, 0).contains("waiting"));
        long start = System.nanoTime();
        client.post().uri("/api/v1/executions/{id}/cancel", execution).headers(bearer(user(tenant, "member")))
                .exchange().expectStatus().isAccepted();
        JsonNode finished = awaitFinished(tenant, execution);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(30));
        assertThat(finished.get("status").asString()).isEqualTo("cancelled");
        assertThat(finished.get("reason").asString()).isEqualTo("cancelled_by_user");
        assertThat(finished.get("steps").get(0).get("status").asString()).isEqualTo("cancelled");
        assertThat(finished.get("steps").get(1).get("status").asString()).isEqualTo("skipped");
    }

    @Test
    void whenManyExecutionsAreQueuedThenARunnerWithSeveralSlotsRunsEachExactlyOnce() {
        UUID tenant = api.tenant();
        TestAgent agent = api.agent(tenant);
        UUID pipeline = api.pipelineId(tenant, pipeline("Parallel", List.of(
                step("Mark", "echo \"$CYGNETCI_EXECUTION_ID\" >> \"" + workDir.resolve("runs.txt") + "\""))));
        Map<UUID, Boolean> executions = new HashMap<>();
        for (int i = 0; i < 6; i++) {
            executions.put(api.execute(tenant, pipeline, Map.of()), true);
        }
        startRunner(agent, 3);
        for (UUID execution : executions.keySet()) {
            assertThat(awaitFinished(tenant, execution).get("status").asString()).isEqualTo("succeeded");
        }
        await().atMost(PATIENCE).until(() -> Files.readAllLines(workDir.resolve("runs.txt")).size() == 6);
        assertThat(readLines(workDir.resolve("runs.txt"))).containsExactlyInAnyOrderElementsOf(
                executions.keySet().stream().map(UUID::toString).toList());
    }

    private static List<String> readLines(Path file) {
        try {
            return Files.readAllLines(file);
        }
        catch (java.io.IOException ex) {
            throw new java.io.UncheckedIOException(ex);
        }
    }
}
