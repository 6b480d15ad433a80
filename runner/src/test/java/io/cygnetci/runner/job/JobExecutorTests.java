package io.cygnetci.runner.job;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import io.cygnetci.runner.Console;
import io.cygnetci.runner.FakeServer;
import io.cygnetci.runner.api.JobApiClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@Timeout(60)
@DisabledOnOs(OS.WINDOWS)
class JobExecutorTests {

    @TempDir
    Path workDir;

    private FakeServer server;
    private final ByteArrayOutputStream console = new ByteArrayOutputStream();
    private final Map<String, String> runnerEnv = new HashMap<>(Map.of("PATH", System.getenv("PATH"),
            "RUNNER_HOST_VAR", "from-runner"));

    @BeforeEach
    void start() throws Exception {
        server = FakeServer.start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private JobExecutor executor(boolean keepWorkspaces) {
        return new JobExecutor(new JobApiClient(server.uri(), "test"), new TestJobs.Session(), workDir,
                keepWorkspaces, new Console(new PrintStream(console, true), Clock.systemUTC()), TestJobs.fast(),
                runnerEnv);
    }

    private Optional<JobStatus> run(Job job) throws InterruptedException {
        return executor(false).run(job);
    }

    private CompletableFuture<Optional<JobStatus>> runInBackground(Job job) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return run(job);
            }
            catch (InterruptedException ex) {
                throw new IllegalStateException(ex);
            }
        });
    }

    private static Job.Step step(int index, String name, String command, long timeoutSeconds,
            boolean continueOnError) {
        return new Job.Step(index, name, command, timeoutSeconds, continueOnError, Map.of());
    }

    private Map<String, Object> result(Job job, int step) {
        return server.result(job.jobId(), step);
    }

    private static Map<String, Object> result(String status, Integer exitCode) {
        Map<String, Object> result = new HashMap<>();
        result.put("status", status);
        if (exitCode != null) {
            result.put("exit_code", (long) exitCode);
        }
        return result;
    }

    @Test
    void whenEveryStepSucceedsThenEachIsReportedWithItsOutputAndTheJobSucceeds() throws Exception {
        Job job = TestJobs.job(List.of(
                new Job.Step(0, "Build", "echo \"building $CYGNETCI_PIPELINE_NAME #$CYGNETCI_EXECUTION_NUMBER "
                        + "with $GOFLAGS for $TARGET\" && echo artefact > out.txt", 60, false,
                        Map.of("GOFLAGS", "-mod=vendor")),
                TestJobs.step(1, "Test", "cat out.txt; echo \"$RUNNER_HOST_VAR $CI\" >&2")),
                List.of(new Job.Parameter("TARGET", "staging", false)));

        assertThat(run(job)).contains(JobStatus.SUCCEEDED);

        assertThat(server.logText(job.jobId(), 0)).isEqualTo("building Build API Service #7 with -mod=vendor "
                + "for staging\n");
        assertThat(server.logText(job.jobId(), 1)).isEqualTo("artefact\nfrom-runner true\n");
        assertThat(result(job, 0)).isEqualTo(result("succeeded", 0));
        assertThat(result(job, 1)).isEqualTo(result("succeeded", 0));
        assertThat(server.finished(job.jobId())).isEqualTo("succeeded");
        assertThat(server.calls()).extracting(FakeServer.Call::path).filteredOn(p -> !p.endsWith("/log"))
                .containsExactly("/api/v1/jobs/" + job.jobId() + "/steps/0/start",
                        "/api/v1/jobs/" + job.jobId() + "/steps/0/result",
                        "/api/v1/jobs/" + job.jobId() + "/steps/1/start",
                        "/api/v1/jobs/" + job.jobId() + "/steps/1/result",
                        "/api/v1/jobs/" + job.jobId() + "/finish");
        assertThat(server.calls()).allSatisfy(c -> assertThat(c.authorization()).isEqualTo("Bearer credential-1"));
        assertThat(console.toString())
                .contains("job " + job.executionId() + " \"Build API Service\" #7 started (2 steps)")
                .containsPattern("  step 1/2 Build: succeeded \\(exit 0, \\d+\\.\\ds\\)")
                .containsPattern("  step 2/2 Test: succeeded \\(exit 0, \\d+\\.\\ds\\)")
                .containsPattern("job " + job.executionId() + " finished: succeeded \\(\\d+\\.\\ds\\)");
        assertThat(workDir.resolve("work/acme-corp")).isEmptyDirectory();
    }

    @Test
    void whenAStepFailsThenTheRestAreSkippedAndTheJobFails() throws Exception {
        Job job = TestJobs.job(TestJobs.step(0, "Build", "true"), TestJobs.step(1, "Test", "echo broken; exit 3"),
                TestJobs.step(2, "Deploy", "touch deployed"));

        assertThat(run(job)).contains(JobStatus.FAILED);

        assertThat(result(job, 1)).isEqualTo(result("failed", 3));
        assertThat(result(job, 2)).isEqualTo(result("skipped", null));
        assertThat(server.calls(".*/steps/2/start")).isEmpty();
        assertThat(server.finished(job.jobId())).isEqualTo("failed");
        assertThat(console.toString()).containsPattern("  step 2/3 Test: failed \\(exit 3, \\d+\\.\\ds\\)")
                .contains("  step 3/3 Deploy: skipped").contains("finished: failed");
    }

    @Test
    void whenAFailingStepMayContinueThenTheJobGoesOnAndSucceeds() throws Exception {
        Job job = TestJobs.job(step(0, "Lint", "exit 1", 60, true), TestJobs.step(1, "Build", "true"));

        assertThat(run(job)).contains(JobStatus.SUCCEEDED);

        assertThat(result(job, 0)).isEqualTo(result("failed", 1));
        assertThat(result(job, 1)).isEqualTo(result("succeeded", 0));
        assertThat(server.finished(job.jobId())).isEqualTo("succeeded");
    }

    @Test
    void whenAStepTimesOutThenItsProcessesAreKilledAndTheJobTimesOut() throws Exception {
        Job job = TestJobs.job(step(0, "Hang", "sleep 30 & echo $! > child.pid; sleep 30", 1, false),
                TestJobs.step(1, "Never", "true"));
        long started = System.nanoTime();

        assertThat(executor(true).run(job)).contains(JobStatus.TIMED_OUT);

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(11));
        Path workspace = workDir.resolve("work/acme-corp/" + job.executionId());
        long child = Long.parseLong(Files.readString(workspace.resolve("child.pid")).trim());
        assertThat(ProcessHandle.of(child).filter(ProcessTree::isRunning)).isEmpty();
        assertThat(result(job, 0)).isEqualTo(result("timed_out", null));
        assertThat(result(job, 1)).isEqualTo(result("skipped", null));
        assertThat(server.finished(job.jobId())).isEqualTo("timed_out");
        assertThat(server.logText(job.jobId(), 0))
                .endsWith("[cygnetci-runner] timed out after 1s, the step's processes were killed\n");
    }

    @Test
    void whenACancelIsRequestedWhileAStepRunsThenItIsKilledAndTheRestAreSkipped() throws Exception {
        Job job = TestJobs.job(TestJobs.step(0, "Wait", "echo waiting; sleep 30"), TestJobs.step(1, "Next", "true"));
        CompletableFuture<Optional<JobStatus>> ran = runInBackground(job);
        await().atMost(Duration.ofSeconds(10)).until(() -> server.logText(job.jobId(), 0).contains("waiting"));

        server.cancelRequested = true;

        assertThat(ran.get(10, TimeUnit.SECONDS)).contains(JobStatus.CANCELLED);
        assertThat(result(job, 0)).isEqualTo(result("cancelled", null));
        assertThat(result(job, 1)).isEqualTo(result("skipped", null));
        assertThat(server.finished(job.jobId())).isEqualTo("cancelled");
    }

    @Test
    void whenAStepsOutputFlowsThenTheStatusIsNotPolledAndWhenItIsQuietItIs() throws Exception {
        Job job = TestJobs.job(
                TestJobs.step(0, "Chatty", "for i in $(seq 1 30); do echo line $i; sleep 0.05; done"),
                TestJobs.step(1, "Quiet", "sleep 1.5"));

        assertThat(run(job)).contains(JobStatus.SUCCEEDED);

        // the chatty step's log answers told the runner all a status poll would have; the quiet one polled
        List<FakeServer.Call> polls = server.calls("/api/v1/jobs/" + job.jobId());
        List<FakeServer.Call> starts = server.calls(".*/steps/1/start");
        assertThat(starts).hasSize(1);
        int beforeQuiet = server.calls().indexOf(starts.get(0));
        assertThat(polls).allSatisfy(poll -> assertThat(server.calls().indexOf(poll)).isGreaterThan(beforeQuiet))
                .hasSizeGreaterThanOrEqualTo(2);
        assertThat(server.logText(job.jobId(), 0)).contains("line 30");
    }

    @Test
    void whenTheJobComesCancelledThenEveryStepIsSkipped() throws Exception {
        Job offered = TestJobs.job(TestJobs.step(0, "Build", "touch built"), TestJobs.step(1, "Test", "true"));
        Job job = new Job(offered.jobId(), offered.executionId(), 1, offered.pipelineId(), "P", offered.tenantId(),
                "acme-corp", null, null, List.of(), offered.steps(), 0, true);

        assertThat(run(job)).contains(JobStatus.CANCELLED);

        assertThat(result(job, 0)).isEqualTo(result("skipped", null));
        assertThat(result(job, 1)).isEqualTo(result("skipped", null));
        assertThat(server.calls(".*/start")).isEmpty();
        assertThat(server.finished(job.jobId())).isEqualTo("cancelled");
    }

    @Test
    void whenTheServerNoLongerRunsTheJobThenTheStepIsKilledAndNothingMoreIsReported() throws Exception {
        Job job = TestJobs.job(TestJobs.step(0, "Wait", "echo waiting; sleep 30"), TestJobs.step(1, "Next", "true"));
        CompletableFuture<Optional<JobStatus>> ran = runInBackground(job);
        await().atMost(Duration.ofSeconds(10)).until(() -> server.logText(job.jobId(), 0).contains("waiting"));

        server.jobStatus = "failed";

        assertThat(ran.get(10, TimeUnit.SECONDS)).isEmpty();
        assertThat(result(job, 0)).isNull();
        assertThat(server.calls(".*/steps/1/.*")).isEmpty();
        assertThat(server.finished(job.jobId())).isNull();
        assertThat(console.toString()).contains("job " + job.executionId() + " abandoned: the server has it failed");
    }

    @Test
    void whenSecretsArePrintedThenTheServerNeverSeesThem() throws Exception {
        Job job = TestJobs.job(List.of(TestJobs.step(0, "Leak",
                "printf 'key=%s\\n' \"$API_KEY\"; printf 'half %s' \"$API_KEY\" | head -c 8; sleep 0.2; "
                        + "printf 'r3t done\\n'")),
                List.of(new Job.Parameter("API_KEY", "s3cr3t", true)));

        assertThat(run(job)).contains(JobStatus.SUCCEEDED);

        // the second value arrives in two writes 0.2 s apart, well within the second a line is held back
        assertThat(server.logText(job.jobId(), 0)).isEqualTo("key=****\nhalf **** done\n");
    }

    @Test
    void whenTheServerAlreadyDecidedAResultThenTheJobGoesOn() throws Exception {
        Job job = TestJobs.job(TestJobs.step(0, "Build", "true"), TestJobs.step(1, "Test", "true"));
        server.fail(".*/steps/0/result", 409, 1);

        assertThat(run(job)).contains(JobStatus.SUCCEEDED);

        assertThat(result(job, 1)).isEqualTo(result("succeeded", 0));
        assertThat(server.finished(job.jobId())).isEqualTo("succeeded");
        assertThat(console.toString()).contains("the server already decided otherwise about the step 0 result");
    }

    @Test
    void whenTheServerIsBrieflyUnavailableThenTheResultsStillArrive() throws Exception {
        Job job = TestJobs.job(TestJobs.step(0, "Build", "echo hi"));
        server.fail(".*/(result|finish)", 503, 2);

        assertThat(run(job)).contains(JobStatus.SUCCEEDED);

        assertThat(result(job, 0)).isEqualTo(result("succeeded", 0));
        assertThat(server.finished(job.jobId())).isEqualTo("succeeded");
    }

    @Test
    void whenTheWorkspaceCannotBeCreatedThenTheFirstStepFailsSayingWhyAndTheJobFails() throws Exception {
        Files.writeString(workDir.resolve("work"), "a file where the workspaces belong");
        Job job = TestJobs.job(TestJobs.step(0, "Build", "true"), TestJobs.step(1, "Test", "true"));

        assertThat(run(job)).contains(JobStatus.FAILED);

        assertThat(result(job, 0)).isEqualTo(result("failed", null));
        assertThat(result(job, 1)).isEqualTo(result("skipped", null));
        assertThat(server.logText(job.jobId(), 0)).startsWith("[cygnetci-runner] cannot start the step: ");
        assertThat(console.toString()).contains("cannot create the workspace: ").doesNotContain("Exception");
    }

    @Test
    void whenWorkspacesAreKeptThenTheStepsFilesStay() throws Exception {
        Job job = TestJobs.job(TestJobs.step(0, "Build", "echo built > artefact"));

        assertThat(executor(true).run(job)).contains(JobStatus.SUCCEEDED);

        assertThat(workDir.resolve("work/acme-corp/" + job.executionId() + "/artefact")).hasContent("built");
    }

    @Test
    void whenAStepLeavesReadOnlyDirectoriesThenTheWorkspaceIsDeletedAnyway() throws Exception {
        Job job = TestJobs.job(TestJobs.step(0, "Cache",
                "mkdir -p cache/mod && touch cache/mod/f && chmod -R a-w cache"));

        assertThat(run(job)).contains(JobStatus.SUCCEEDED);

        assertThat(workDir.resolve("work/acme-corp/" + job.executionId())).doesNotExist();
    }
}
