package io.cygnetci.runner;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import io.cygnetci.runner.api.AgentApiClient;
import io.cygnetci.runner.api.JobApiClient;
import io.cygnetci.runner.config.RunnerOptions;
import io.cygnetci.runner.job.Job;
import io.cygnetci.runner.job.TestJobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@Timeout(60)
@DisabledOnOs(OS.WINDOWS)
class RunnerTests {

    private static final Duration PATIENCE = Duration.ofSeconds(10);

    /** A step that goes on until the test lets it end. */
    private static final String UNTIL_LET_GO = "while [ ! -f go ]; do sleep 0.05; done";

    @TempDir
    Path workDir;

    private FakeServer server;
    private Runner runner;
    private CompletableFuture<Runner.Exit> exit;
    private final WorkTracker work = new WorkTracker();
    private final ByteArrayOutputStream console = new ByteArrayOutputStream();

    @BeforeEach
    void startServer() throws Exception {
        server = FakeServer.start();
    }

    @AfterEach
    void stop() throws Exception {
        if (runner != null) {
            runner.requestStop("test over");
            runner.awaitFinished(PATIENCE);
        }
        server.close();
    }

    private void startRunner() {
        RunnerOptions options = new RunnerOptions(server.uri(), "cygreg_test", "test-runner", List.of("linux"), null,
                workDir, Duration.ofSeconds(1), 1, false);
        runner = new Runner(options, new AgentApiClient(server.uri(), "test"), new JobApiClient(server.uri(), "test"),
                work, new Console(new PrintStream(console, true), Clock.systemUTC()), "test", TestJobs.fast());
        exit = CompletableFuture.supplyAsync(runner::run);
    }

    private void letGo(Job job) throws Exception {
        Files.createFile(workDir.resolve("work/acme-corp/" + job.executionId() + "/go"));
    }

    private List<FakeServer.Call> jobRequests() {
        return server.calls("/api/v1/jobs/request");
    }

    @Test
    void whenAJobIsHandedOutThenTheRunnerRunsItAndHeartbeatsMeanwhile() throws Exception {
        Job job = TestJobs.job(TestJobs.step(0, "Build", "echo building; " + UNTIL_LET_GO));
        server.offer(TestJobs.offer(job));

        startRunner();

        await().atMost(PATIENCE).until(() -> server.runningJobsReported().contains(1L));
        letGo(job);
        await().atMost(PATIENCE).until(() -> server.finished(job.jobId()) != null);
        assertThat(server.finished(job.jobId())).isEqualTo("succeeded");
        assertThat(server.logText(job.jobId(), 0)).isEqualTo("building\n");
        assertThat(jobRequests()).allSatisfy(c -> assertThat(c.authorization()).isEqualTo("Bearer credential-1"));
        await().atMost(PATIENCE).until(() -> server.runningJobsReported().get(server.runningJobsReported().size() - 1)
                == 0L);
        assertThat(console.toString()).contains("job " + job.executionId() + " \"Build API Service\" #7 started")
                .contains("finished: succeeded");
    }

    @Test
    void whenStoppedWhileAJobRunsThenTheRunnerAsksForNoMoreAndEndsAfterTheJob() throws Exception {
        Job job = TestJobs.job(TestJobs.step(0, "Build", UNTIL_LET_GO));
        server.offer(TestJobs.offer(job));
        startRunner();
        await().atMost(PATIENCE).until(() -> work.running() == 1);

        runner.requestStop("SIGTERM");
        int requests = jobRequests().size();

        assertThat(runner.awaitFinished(Duration.ofMillis(500))).isFalse();
        assertThat(console.toString()).contains("SIGTERM: finishing 1 running job(s) first, still heartbeating");
        letGo(job);
        assertThat(exit.get(PATIENCE.toSeconds(), TimeUnit.SECONDS)).isEqualTo(Runner.Exit.STOPPED);
        assertThat(server.finished(job.jobId())).isEqualTo("succeeded");
        assertThat(jobRequests()).hasSize(requests);
        assertThat(console.toString()).contains("stopped (SIGTERM)");
    }

    @Test
    void whenPausedByAnAdminThenNoJobIsAskedForUntilEnabledAgain() throws Exception {
        server.heartbeatActions = List.of("pause");

        startRunner();

        await().atMost(PATIENCE).until(() -> server.calls(".*/heartbeat").size() >= 2);
        assertThat(console.toString()).contains("disabled by an admin: taking no new work");
        assertThat(jobRequests()).isEmpty();
        server.heartbeatActions = List.of();
        await().atMost(PATIENCE).until(() -> !jobRequests().isEmpty());
        assertThat(console.toString()).contains("enabled again");
    }

    @Test
    void whenTheJobsApiRefusesTheCredentialThenAHeartbeatChecksItAtOnce() throws Exception {
        server.heartbeatIntervalSeconds = 30;
        server.fail("/api/v1/jobs/request", 401, 1);

        startRunner();

        // without the refusal, the next heartbeat would be 30 s away
        await().atMost(PATIENCE).until(() -> server.calls(".*/heartbeat").size() >= 2);
        await().atMost(PATIENCE).until(() -> jobRequests().size() >= 2);
        assertThat(server.calls("/api/v1/agents/register")).hasSize(1);
    }

    @Test
    void whenTheHeartbeatRefusesTheCredentialThenTheRunnerRegistersAgainAndAsksForJobsWithTheNewOne()
            throws Exception {
        startRunner();
        await().atMost(PATIENCE).until(() -> !jobRequests().isEmpty());

        server.credential = "credential-2";

        await().atMost(PATIENCE).until(() -> server.calls("/api/v1/agents/register").size() == 2);
        await().atMost(PATIENCE).until(() -> jobRequests().stream()
                .anyMatch(c -> "Bearer credential-2".equals(c.authorization())));
    }
}
