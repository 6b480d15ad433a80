package io.cygnetci.pipeline.job.web;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.cygnetci.pipeline.support.PipelineApi;
import io.cygnetci.pipeline.support.PipelineApi.TestAgent;
import io.cygnetci.pipeline.support.PipelineServiceTest;
import io.cygnetci.platform.test.events.EventSchemas;
import io.cygnetci.platform.test.kafka.KafkaServer;
import io.cygnetci.platform.test.kafka.TopicRecorder;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.MediaType;

import static io.cygnetci.pipeline.support.PipelineApi.PATIENCE;
import static io.cygnetci.pipeline.support.PipelineApi.bearer;
import static io.cygnetci.pipeline.support.PipelineApi.body;
import static io.cygnetci.pipeline.support.PipelineApi.pipeline;
import static io.cygnetci.pipeline.support.PipelineApi.step;
import static io.cygnetci.pipeline.support.PipelineApi.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The job protocol as a runner speaks it, call by call. */
class JobProtocolIntegrationTests extends PipelineServiceTest {

    UUID threeSteps(UUID tenant) {
        Map<String, Object> body = pipeline("Build", List.of(step("Build", "make"), step("Test", "make test"),
                step("Package", "make dist")));
        body.put("parameters", List.of(Map.of("name", "TARGET", "default", "staging"),
                Map.of("name", "TOKEN", "secret", true, "default", "hunter2-secret")));
        return api.pipelineId(tenant, body);
    }

    @Test
    void whenNothingIsQueuedThenARequestAnswers204AfterWaiting() {
        UUID tenant = api.tenant();
        TestAgent agent = api.agent(tenant);
        long start = System.nanoTime();
        api.request(agent, 1).expectStatus().isNoContent();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(900));
    }

    @Test
    void whenWorkIsQueuedWhileARunnerWaitsThenItIsWokenWithTheJob() throws Exception {
        UUID tenant = api.tenant();
        TestAgent agent = api.agent(tenant);
        UUID pipeline = threeSteps(tenant);
        CompletableFuture<JsonNode> waiting = CompletableFuture.supplyAsync(() -> api.request(agent, 25)
                .expectStatus().isOk().expectBody(JsonNode.class).returnResult().getResponseBody());
        await().pollDelay(Duration.ofMillis(500)).atMost(PATIENCE).until(() -> true);
        UUID execution = api.execute(tenant, pipeline, Map.of("TARGET", "production"));
        JsonNode job = waiting.get(20, TimeUnit.SECONDS);

        assertThat(job.get("job_id").asString()).isEqualTo(execution.toString());
        assertThat(job.get("tenant_slug").asString()).isEqualTo(PipelineApi.slug(tenant));
        assertThat(job.get("steps")).hasSize(3);
        assertThat(job.get("parameters").toString()).contains("production").contains("hunter2-secret");
        JsonNode shown = api.execution(tenant, execution);
        assertThat(shown.get("status").asString()).isEqualTo("running");
        assertThat(shown.get("agent_id").asString()).isEqualTo(agent.id().toString());
        assertThat(shown.toString()).doesNotContain("hunter2-secret");
    }

    @Test
    void whenARunnerReportsAJobThenStatusesExitCodesLogsAndEventsAreRight() throws Exception {
        UUID tenant = api.tenant();
        TestAgent agent = api.agent(tenant);
        UUID pipeline = threeSteps(tenant);
        try (TopicRecorder events = new TopicRecorder(KafkaServer.bootstrapServers(),
                "cygnetci.pipeline-executions.v1")) {
            UUID job = api.execute(tenant, pipeline, Map.of());
            assertThat(api.claim(agent).get("job_id").asString()).isEqualTo(job.toString());

            api.startStep(agent, job, 0).expectStatus().isOk();
            JsonNode first = body(api.log(agent, job, 0, 0, "building with hunter2-secret\n").expectStatus()
                    .isAccepted());
            assertThat(first.get("next_offset").asLong()).isEqualTo(29);
            api.log(agent, job, 0, 29, "done\n").expectStatus().isAccepted();
            // the same chunk again (a retry after a lost answer) is accepted and changes nothing
            api.log(agent, job, 0, 29, "done\n").expectStatus().isAccepted();
            // a chunk at a wrong offset: 416 with the expected one
            JsonNode problem = body(api.log(agent, job, 0, 10, "xx").expectStatus().isEqualTo(416)
                    .expectHeader().valueEquals("Range", "0-34"));
            assertThat(problem.get("expected_offset").asLong()).isEqualTo(34);
            api.stepResult(agent, job, 0, "succeeded", 0).expectStatus().isOk();
            api.stepResult(agent, job, 0, "succeeded", 0).expectStatus().isOk();
            api.stepResult(agent, job, 0, "failed", 1).expectStatus().isEqualTo(409);

            api.startStep(agent, job, 1).expectStatus().isOk();
            api.log(agent, job, 1, 0, "1 test failed\n").expectStatus().isAccepted();
            api.stepResult(agent, job, 1, "failed", 2).expectStatus().isOk();
            api.stepResult(agent, job, 2, "skipped", null).expectStatus().isOk();
            api.finish(agent, job, "failed").expectStatus().isOk();
            api.finish(agent, job, "failed").expectStatus().isOk();
            api.finish(agent, job, "succeeded").expectStatus().isEqualTo(409);
            api.log(agent, job, 1, 14, "late\n").expectStatus().isEqualTo(409);

            JsonNode execution = api.execution(tenant, job);
            assertThat(execution.get("status").asString()).isEqualTo("failed");
            assertThat(execution.get("reason").asString()).isEqualTo("step_failed");
            assertThat(execution.get("duration_ms").asLong()).isNotNegative();
            JsonNode steps = execution.get("steps");
            assertThat(steps.get(0).get("status").asString()).isEqualTo("succeeded");
            assertThat(steps.get(0).get("exit_code").asInt()).isZero();
            assertThat(steps.get(1).get("status").asString()).isEqualTo("failed");
            assertThat(steps.get(1).get("exit_code").asInt()).isEqualTo(2);
            assertThat(steps.get(2).get("status").asString()).isEqualTo("skipped");
            assertThat(api.log(tenant, job, 0)).isEqualTo("building with ****\ndone\n");
            assertThat(api.log(tenant, job, 1)).isEqualTo("1 test failed\n");

            String ranged = client.get().uri("/api/v1/executions/{id}/steps/0/log?offset=9&limit=4", job)
                    .headers(bearer(user(tenant, "viewer"))).exchange().expectStatus().isOk()
                    .expectHeader().valueEquals("X-Log-Next-Offset", "13")
                    .expectHeader().valueEquals("X-Log-Complete", "false")
                    .expectBody(String.class).returnResult().getResponseBody();
            assertThat(ranged).isEqualTo("with");

            await().atMost(PATIENCE).until(() -> PipelineApi.events(events, "io.cygnetci.execution.finished.v1",
                    tenant).size() == 1);
            for (String type : List.of("queued", "started", "step-finished", "finished")) {
                List<ConsumerRecord<String, byte[]>> ofType = PipelineApi.events(events,
                        "io.cygnetci.execution." + type + ".v1", tenant);
                assertThat(ofType).as(type).isNotEmpty();
                for (ConsumerRecord<String, byte[]> record : ofType) {
                    assertThat(EventSchemas.validate("io.cygnetci.execution." + type + ".v1", record.value()))
                            .isEmpty();
                    assertThat(new String(record.value())).doesNotContain("hunter2-secret");
                }
            }
            assertThat(PipelineApi.events(events, "io.cygnetci.execution.step-finished.v1", tenant)).hasSize(3);
            JsonNode finished = JsonMapper.shared().readTree(PipelineApi.events(events,
                    "io.cygnetci.execution.finished.v1", tenant).get(0).value());
            assertThat(finished.get("status").asString()).isEqualTo("failed");
            assertThat(finished.get("agent_id").asString()).isEqualTo(agent.id().toString());
            assertThat(finished.get("pipeline_id").asString()).isEqualTo(pipeline.toString());
            assertThat(finished.has("duration_ms")).isTrue();
        }
    }

    @Test
    void whenAStepWritesMoreThanTheCapThenTheLogIsTruncatedAndOffsetsStillAdvance() {
        UUID tenant = api.tenant();
        TestAgent agent = api.agent(tenant);
        UUID job = api.execute(tenant, api.pipelineId(tenant, pipeline("Loud", List.of(step("Spam", "yes")))),
                Map.of());
        api.claim(agent);
        String line = "y".repeat(1023) + "\n";
        String chunk = line.repeat(40);
        long offset = 0;
        boolean truncated = false;
        for (int i = 0; i < 3; i++) {
            JsonNode answer = body(api.log(agent, job, 0, offset, chunk).expectStatus().isAccepted());
            offset = answer.get("next_offset").asLong();
            truncated = answer.get("truncated").asBoolean();
        }
        assertThat(offset).isEqualTo(3L * chunk.length());
        assertThat(truncated).isTrue();
        String log = api.log(tenant, job, 0);
        assertThat(log).endsWith("[log truncated: this step's output passed 65536 bytes]\n");
        assertThat(log.length()).isLessThan(66 * 1024);
    }

    @Test
    void whenAUserCancelsARunningJobThenTheRunnerIsToldAndItEndsCancelled() {
        UUID tenant = api.tenant();
        TestAgent agent = api.agent(tenant);
        UUID job = api.execute(tenant, threeSteps(tenant), Map.of());
        api.claim(agent);
        api.startStep(agent, job, 0).expectStatus().isOk();

        JsonNode accepted = body(client.post().uri("/api/v1/executions/{id}/cancel", job)
                .headers(bearer(user(tenant, "member"))).exchange().expectStatus().isAccepted());
        assertThat(accepted.get("cancel_requested").asBoolean()).isTrue();
        assertThat(accepted.get("status").asString()).isEqualTo("running");

        assertThat(body(api.log(agent, job, 0, 0, "working\n").expectStatus().isAccepted())
                .get("cancel_requested").asBoolean()).isTrue();
        JsonNode state = body(client.get().uri("/api/v1/jobs/{id}", job).headers(agent.auth()).exchange()
                .expectStatus().isOk());
        assertThat(state.get("cancel_requested").asBoolean()).isTrue();
        api.stepResult(agent, job, 0, "cancelled", null).expectStatus().isOk();
        api.finish(agent, job, "cancelled").expectStatus().isOk();

        JsonNode execution = api.execution(tenant, job);
        assertThat(execution.get("status").asString()).isEqualTo("cancelled");
        assertThat(execution.get("reason").asString()).isEqualTo("cancelled_by_user");
        assertThat(execution.get("steps").get(1).get("status").asString()).isEqualTo("skipped");
        client.post().uri("/api/v1/executions/{id}/cancel", job).headers(bearer(user(tenant, "member"))).exchange()
                .expectStatus().isEqualTo(409);
    }

    @Test
    void whenAnAgentGoesOfflineThenItsRunningJobFailsWithAgentLost() throws Exception {
        UUID tenant = api.tenant();
        TestAgent agent = api.agent(tenant);
        UUID job = api.execute(tenant, threeSteps(tenant), Map.of());
        api.claim(agent);
        api.startStep(agent, job, 0).expectStatus().isOk();
        try (TopicRecorder events = new TopicRecorder(KafkaServer.bootstrapServers(),
                "cygnetci.pipeline-executions.v1")) {
            PipelineApi.publishAgent(agent, "offline", "offline", false);
            await().atMost(PATIENCE).until(() -> api.execution(tenant, job).get("status").asString()
                    .equals("failed"));
            JsonNode execution = api.execution(tenant, job);
            assertThat(execution.get("reason").asString()).isEqualTo("agent_lost");
            assertThat(execution.get("steps").get(0).get("status").asString()).isEqualTo("failed");
            assertThat(execution.get("steps").get(1).get("status").asString()).isEqualTo("skipped");
            await().atMost(PATIENCE).until(() -> PipelineApi.events(events, "io.cygnetci.execution.finished.v1",
                    tenant).size() == 1);
        }
        // the runner, back, learns its job is over and cannot finish it differently
        JsonNode state = body(client.get().uri("/api/v1/jobs/{id}", job).headers(agent.auth()).exchange()
                .expectStatus().isOk());
        assertThat(state.get("status").asString()).isEqualTo("failed");
        api.finish(agent, job, "succeeded").expectStatus().isEqualTo(409);
        api.log(agent, job, 0, 0, "late\n").expectStatus().isEqualTo(409);
    }

    @Test
    void whenATenantIsDeactivatedThenItsQueuedExecutionsAreCancelledAndItsRunnersGetNothing() {
        UUID tenant = api.tenant();
        TestAgent agent = api.agent(tenant);
        UUID pipeline = threeSteps(tenant);
        UUID first = api.execute(tenant, pipeline, Map.of());
        UUID second = api.execute(tenant, pipeline, Map.of());
        PipelineApi.publishTenant(tenant, "deactivated", false, 100, 1000);
        await().atMost(PATIENCE).until(() -> api.execution(tenant, second).get("status").asString()
                .equals("cancelled"));
        assertThat(api.execution(tenant, first).get("reason").asString()).isEqualTo("tenant_deactivated");
        api.request(agent, 0).expectStatus().isNoContent();
        api.trigger(tenant, pipeline, Map.of()).expectStatus().isForbidden();
    }

    @Test
    void whenAJobIsAnotherAgentsOrAnotherTenantsThenEveryCallAnswers404() {
        UUID tenant = api.tenant();
        UUID other = api.tenant();
        TestAgent mine = api.agent(tenant);
        TestAgent colleague = api.agent(tenant);
        TestAgent stranger = api.agent(other);
        UUID job = api.execute(tenant, threeSteps(tenant), Map.of());
        api.claim(mine);
        for (TestAgent agent : List.of(colleague, stranger)) {
            client.get().uri("/api/v1/jobs/{id}", job).headers(agent.auth()).exchange().expectStatus().isNotFound();
            api.startStep(agent, job, 0).expectStatus().isNotFound();
            api.log(agent, job, 0, 0, "x").expectStatus().isNotFound();
            api.stepResult(agent, job, 0, "succeeded", 0).expectStatus().isNotFound();
            api.finish(agent, job, "succeeded").expectStatus().isNotFound();
        }
        // users cannot speak the job protocol, agents cannot use the user API
        client.post().uri("/api/v1/jobs/request").headers(bearer(user(tenant, "tenant_admin")))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("wait_seconds", 0)).exchange()
                .expectStatus().isForbidden();
        client.get().uri("/api/v1/executions/{id}", job).headers(mine.auth()).exchange().expectStatus()
                .isForbidden();
        client.post().uri("/api/v1/jobs/request").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("wait_seconds", 0)).exchange().expectStatus().isUnauthorized();
    }

    @Test
    void whenACredentialWasSupersededOrTheAgentDeletedThenTheJobProtocolAnswers401() {
        UUID tenant = api.tenant();
        TestAgent agent = api.agent(tenant);
        TestAgent reregistered = new TestAgent(agent.id(), tenant, UUID.randomUUID(), agent.labels());
        PipelineApi.publishAgent(reregistered, "registered", "online", false);
        api.awaitAgent(reregistered, "online");
        api.request(agent, 0).expectStatus().isUnauthorized();
        api.request(reregistered, 0).expectStatus().isNoContent();

        PipelineApi.publishAgent(reregistered, "deleted", "deleted", false);
        api.awaitAgent(reregistered, "deleted");
        api.request(reregistered, 0).expectStatus().isUnauthorized();
    }

    @Test
    void whenAnAgentIsDisabledThenItGetsNoNewWork() {
        UUID tenant = api.tenant();
        TestAgent agent = api.agent(tenant);
        api.execute(tenant, threeSteps(tenant), Map.of());
        PipelineApi.publishAgent(agent, "disabled", "online", true);
        await().atMost(PATIENCE).until(() -> api.count("select count(*) from agents where agent_id = '"
                + agent.id() + "' and disabled") == 1);
        api.request(agent, 0).expectStatus().isNoContent();
        PipelineApi.publishAgent(agent, "enabled", "online", false);
        await().atMost(PATIENCE).until(() -> api.count("select count(*) from agents where agent_id = '"
                + agent.id() + "' and not disabled") == 1);
        api.request(agent, 0).expectStatus().isOk();
    }

    @Test
    void whenReportsAreMalformedThenTheyAnswer400AndChangeNothing() {
        UUID tenant = api.tenant();
        TestAgent agent = api.agent(tenant);
        UUID job = api.execute(tenant, threeSteps(tenant), Map.of());
        api.claim(agent);
        api.stepResult(agent, job, 0, "exploded", 1).expectStatus().isBadRequest();
        api.finish(agent, job, "queued").expectStatus().isBadRequest();
        api.log(agent, job, 0, -1, "x").expectStatus().isBadRequest();
        api.request(agent, 31).expectStatus().isBadRequest();
        api.startStep(agent, job, 7).expectStatus().isNotFound();
        assertThat(api.execution(tenant, job).get("status").asString()).isEqualTo("running");
    }
}
