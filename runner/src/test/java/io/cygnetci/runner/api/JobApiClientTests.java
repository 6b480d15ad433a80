package io.cygnetci.runner.api;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.cygnetci.runner.FakeServer;
import io.cygnetci.runner.job.Job;
import io.cygnetci.runner.job.JobStatus;
import io.cygnetci.runner.job.StepStatus;
import io.cygnetci.runner.job.TestJobs;
import io.cygnetci.runner.json.Json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

@Timeout(60)
class JobApiClientTests {

    private static final String CREDENTIAL = "credential-1";

    private FakeServer server;
    private JobApiClient client;

    @BeforeEach
    void start() throws Exception {
        server = FakeServer.start();
        client = new JobApiClient(server.uri(), "test");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void whenAJobIsOfferedThenEveryFieldIsRead() throws Exception {
        UUID id = UUID.randomUUID();
        server.offer(Json.parseObject("""
                {"job_id": "%s", "execution_id": "%s", "number": 12,
                 "pipeline_id": "5f1c7a64-0f7e-4d7e-9d38-3d3a3c1e8a11", "pipeline_name": "Build API Service",
                 "tenant_id": "0b9b0f3e-3c0a-4f7e-8f43-0a8f1f1d2c33", "tenant_slug": "acme-corp",
                 "repository": null, "ref": "main",
                 "parameters": [{"name": "TARGET", "value": "staging", "secret": false},
                                {"name": "API_KEY", "value": "s3cr3t", "secret": true},
                                {"name": "RETRIES", "value": 3}],
                 "steps": [{"index": 0, "name": "Build", "command": "make", "timeout_seconds": 600,
                            "continue_on_error": false, "env": {"GOFLAGS": "-mod=vendor"}},
                           {"index": 1, "name": "Lint", "command": "lint", "timeout_seconds": null,
                            "continue_on_error": true, "env": null}],
                 "log_limit_bytes": 4194304, "cancel_requested": false}""".formatted(id, id)));

        Job job = client.requestJob(CREDENTIAL, 5).await().orElseThrow();

        assertThat(job.jobId()).isEqualTo(id);
        assertThat(job.executionId()).isEqualTo(id);
        assertThat(job.number()).isEqualTo(12);
        assertThat(job.pipelineName()).isEqualTo("Build API Service");
        assertThat(job.tenantSlug()).isEqualTo("acme-corp");
        assertThat(job.repository()).isNull();
        assertThat(job.ref()).isEqualTo("main");
        assertThat(job.parameters()).containsExactly(new Job.Parameter("TARGET", "staging", false),
                new Job.Parameter("API_KEY", "s3cr3t", true), new Job.Parameter("RETRIES", "3", false));
        assertThat(job.steps()).containsExactly(
                new Job.Step(0, "Build", "make", 600, false, Map.of("GOFLAGS", "-mod=vendor")),
                new Job.Step(1, "Lint", "lint", 0, true, Map.of()));
        assertThat(job.logLimitBytes()).isEqualTo(4194304);
        assertThat(job.cancelRequested()).isFalse();
        FakeServer.Call call = server.calls().get(0);
        assertThat(call.authorization()).isEqualTo("Bearer " + CREDENTIAL);
        assertThat(call.json()).isEqualTo(Map.of("wait_seconds", 5L));
    }

    @Test
    void whenNoJobIsWaitingThenTheAnswerIsEmpty() throws Exception {
        assertThat(client.requestJob(CREDENTIAL, 0).await()).isEmpty();
    }

    @Test
    void whenARequestIsGivenUpThenWaitingForItEndsAtOnce() throws Exception {
        server.holdMillis = 60_000;
        JobApiClient.PendingJob pending = client.requestJob(CREDENTIAL, 30);
        await().atMost(Duration.ofSeconds(10)).until(() -> !server.calls().isEmpty());
        CompletableFuture<Optional<Job>> waiting = CompletableFuture.supplyAsync(() -> {
            try {
                return pending.await();
            }
            catch (IOException | InterruptedException | ServerAnswer ex) {
                throw new IllegalStateException(ex);
            }
        });

        pending.cancel();

        assertThatThrownBy(() -> waiting.get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(CancellationException.class);
    }

    @Test
    void whenTheCredentialIsRefusedThenThe401AndItsDetailAreThrown() {
        assertThatThrownBy(() -> client.requestJob("old", 0).await()).isInstanceOfSatisfying(ServerAnswer.class,
                a -> {
                    assertThat(a.status()).isEqualTo(401);
                    assertThat(a.getMessage()).isEqualTo("The credential is not accepted.");
                });
    }

    @Test
    void whenTheServerHasAnotherOffsetThenTheMismatchSaysWhich() throws Exception {
        UUID job = UUID.randomUUID();
        client.appendLog(CREDENTIAL, job, 0, 0, "abc".getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> client.appendLog(CREDENTIAL, job, 0, 7, "x".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(JobApiClient.OffsetMismatch.class, m -> {
                    assertThat(m.status()).isEqualTo(416);
                    assertThat(m.expectedOffset()).isEqualTo(3);
                });
    }

    @Test
    void whenAStepIsReportedThenTheCallsCarryWhatTheProtocolSays() throws Exception {
        UUID job = UUID.randomUUID();
        server.cancelRequested = true;

        assertThat(client.startStep(CREDENTIAL, job, 2)).isTrue();
        JobApiClient.LogAccepted accepted = client.appendLog(CREDENTIAL, job, 2, 0,
                "héllo\n".getBytes(StandardCharsets.UTF_8));
        assertThat(client.reportStep(CREDENTIAL, job, 2, StepStatus.TIMED_OUT, null)).isTrue();
        client.finish(CREDENTIAL, job, JobStatus.TIMED_OUT);
        JobApiClient.JobState state = client.jobState(CREDENTIAL, job);

        assertThat(accepted).isEqualTo(new JobApiClient.LogAccepted(7, true, false));
        assertThat(state).isEqualTo(new JobApiClient.JobState("running", true));
        List<FakeServer.Call> calls = server.calls();
        assertThat(calls).extracting(c -> c.method() + " " + c.path()).containsExactly(
                "POST /api/v1/jobs/" + job + "/steps/2/start", "POST /api/v1/jobs/" + job + "/steps/2/log",
                "POST /api/v1/jobs/" + job + "/steps/2/result", "POST /api/v1/jobs/" + job + "/finish",
                "GET /api/v1/jobs/" + job);
        assertThat(calls.get(1).query()).isEqualTo("offset=0");
        assertThat(calls.get(2).json()).isEqualTo(Map.of("status", "timed_out"));
        assertThat(calls.get(3).json()).isEqualTo(Map.of("status", "timed_out"));
    }

    @Test
    void whenAResultConflictsThenThe409IsThrown() throws Exception {
        UUID job = UUID.randomUUID();
        client.reportStep(CREDENTIAL, job, 0, StepStatus.SUCCEEDED, 0);

        assertThat(client.reportStep(CREDENTIAL, job, 0, StepStatus.SUCCEEDED, 0)).isFalse();
        assertThatThrownBy(() -> client.reportStep(CREDENTIAL, job, 0, StepStatus.FAILED, 1))
                .isInstanceOfSatisfying(ServerAnswer.class, a -> assertThat(a.status()).isEqualTo(409));
    }

    @Test
    void whenAJobIsWrittenAsAnOfferThenItReadsBackTheSame() throws Exception {
        Job job = TestJobs.job(List.of(new Job.Step(0, "Build", "make", 600, true, Map.of("A", "b"))),
                List.of(new Job.Parameter("API_KEY", "s3cr3t", true)));

        assertThat(JobApiClient.job(Json.parseObject(Json.write(TestJobs.offer(job))))).isEqualTo(job);
    }
}
