package io.cygnetci.runner.job;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import io.cygnetci.runner.Console;
import io.cygnetci.runner.FakeServer;
import io.cygnetci.runner.WorkTracker;
import io.cygnetci.runner.api.JobApiClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@Timeout(60)
@DisabledOnOs(OS.WINDOWS)
class JobWorkersTests {

    private static final Duration PATIENCE = Duration.ofSeconds(10);

    @TempDir
    Path workDir;

    private FakeServer server;
    private JobWorkers workers;
    private final TestJobs.Session session = new TestJobs.Session();
    private final WorkTracker work = new WorkTracker();
    private final ByteArrayOutputStream console = new ByteArrayOutputStream();

    @BeforeEach
    void start() throws Exception {
        server = FakeServer.start();
    }

    @AfterEach
    void stop() throws Exception {
        if (workers != null) {
            workers.stop();
            workers.awaitFinished(PATIENCE);
        }
        server.close();
    }

    private JobWorkers workers(int concurrency) {
        JobApiClient api = new JobApiClient(server.uri(), "test");
        Console out = new Console(new PrintStream(console, true), Clock.systemUTC());
        workers = new JobWorkers(concurrency, api, session, new JobExecutor(api, session, workDir, false, out,
                TestJobs.fast(), Map.of("PATH", System.getenv("PATH"))), work, out, TestJobs.fast());
        return workers;
    }

    /** A step that goes on until the test lets it end. */
    private static final String UNTIL_LET_GO = "while [ ! -f go ]; do sleep 0.05; done";

    private void letGo(Job job) throws Exception {
        Files.createFile(workDir.resolve("work/acme-corp/" + job.executionId() + "/go"));
    }

    @Test
    void whenTheAgentTakesWorkThenJobsAreAskedForAndRunWhileCounted() throws Exception {
        Job job = TestJobs.job(TestJobs.step(0, "Build", "echo built; " + UNTIL_LET_GO));
        server.offer(TestJobs.offer(job));

        workers(1).start();

        await().atMost(PATIENCE).until(() -> work.running() == 1);
        letGo(job);
        await().atMost(PATIENCE).until(() -> server.finished(job.jobId()) != null);
        await().atMost(PATIENCE).until(() -> work.running() == 0);
        assertThat(server.finished(job.jobId())).isEqualTo("succeeded");
        assertThat(server.logText(job.jobId(), 0)).isEqualTo("built\n");
        assertThat(server.calls("/api/v1/jobs/request").get(0).json()).isEqualTo(Map.of("wait_seconds", 30L));
    }

    @Test
    void whenTheAgentTakesNoWorkThenNoJobIsAskedFor() throws Exception {
        session.takingWork = false;

        workers(2).start();

        // the idle slots look every quarter second: a few looks, and not one request
        await().during(java.time.Duration.ofMillis(600)).atMost(PATIENCE)
                .until(() -> server.calls("/api/v1/jobs/request").isEmpty());
        session.takingWork = true;
        await().atMost(PATIENCE).until(() -> !server.calls("/api/v1/jobs/request").isEmpty());
    }

    @Test
    void whenStoppedThenARequestTheServerHoldsIsGivenUpAtOnce() throws Exception {
        server.holdMillis = 60_000;
        workers(1).start();
        await().atMost(PATIENCE).until(() -> server.calls("/api/v1/jobs/request").size() == 1);
        long stopping = System.nanoTime();

        workers.stop();

        assertThat(workers.awaitFinished(PATIENCE)).isTrue();
        assertThat(Duration.ofNanos(System.nanoTime() - stopping)).isLessThan(PATIENCE);
        assertThat(server.calls("/api/v1/jobs/request")).hasSize(1);
        assertThat(console.toString()).doesNotContain("job requests");
    }

    @Test
    void whenStoppedWhileAJobRunsThenTheJobIsFinishedFirst() throws Exception {
        Job job = TestJobs.job(TestJobs.step(0, "Build", UNTIL_LET_GO));
        server.offer(TestJobs.offer(job));
        workers(1).start();
        await().atMost(PATIENCE).until(() -> work.running() == 1);

        workers.stop();

        assertThat(workers.awaitFinished(Duration.ofMillis(300))).isFalse();
        letGo(job);
        assertThat(workers.awaitFinished(PATIENCE)).isTrue();
        assertThat(server.finished(job.jobId())).isEqualTo("succeeded");
    }

    @Test
    void whenTheCredentialIsRefusedThenTheRunnerIsToldAndAskingGoesOnLater() throws Exception {
        session.credential = "revoked";

        workers(1).start();

        await().atMost(PATIENCE).until(() -> session.refused.contains("revoked"));
        session.credential = "credential-1";
        await().atMost(PATIENCE).until(() -> server.calls("/api/v1/jobs/request").stream()
                .anyMatch(c -> "Bearer credential-1".equals(c.authorization())));
        assertThat(console.toString()).containsOnlyOnce("job requests refused: The credential is not accepted.");
    }

    @Test
    void whenTheConcurrencyIsTwoThenTwoJobsRunAtTheSameTime() throws Exception {
        // each job waits for the other's file: one at a time, neither could finish
        Path meeting = workDir.resolve("meeting");
        Files.createDirectories(meeting);
        Job a = TestJobs.job(TestJobs.step(0, "A", "touch " + meeting + "/a; while [ ! -f " + meeting
                + "/b ]; do sleep 0.05; done"));
        Job b = TestJobs.job(TestJobs.step(0, "B", "touch " + meeting + "/b; while [ ! -f " + meeting
                + "/a ]; do sleep 0.05; done"));
        server.offer(TestJobs.offer(a));
        server.offer(TestJobs.offer(b));

        workers(2).start();

        await().atMost(PATIENCE).until(() -> server.finished(a.jobId()) != null && server.finished(b.jobId()) != null);
        assertThat(server.finished(a.jobId())).isEqualTo("succeeded");
        assertThat(server.finished(b.jobId())).isEqualTo("succeeded");
    }
}
