package io.cygnetci.release.deployment.web;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.cygnetci.platform.test.events.EventSchemas;
import io.cygnetci.platform.test.kafka.KafkaServer;
import io.cygnetci.platform.test.kafka.TopicRecorder;
import io.cygnetci.release.support.ReleaseApi;
import io.cygnetci.platform.test.jwt.TestUser;
import io.cygnetci.release.support.ReleaseServiceTest;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;

import static io.cygnetci.release.support.ReleaseApi.body;
import static io.cygnetci.release.support.ReleaseApi.id;
import static io.cygnetci.release.support.ReleaseApi.release;
import static io.cygnetci.release.support.ReleaseApi.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Deployments: promotion order, approvals, the environment lock, freezes, the quota, outcomes from pipeline-service's
 * execution events (played on Kafka here; the system tests run them on a real runner), events and isolation.
 */
class DeploymentIntegrationTests extends ReleaseServiceTest {

    @Autowired
    MeterRegistry meters;

    UUID tenant;
    UUID buildApi;
    UUID buildWeb;
    TestUser creator;
    TestUser approver;
    TestUser viewer;
    Map<String, UUID> environments;
    UUID release;
    TopicRecorder events;

    @BeforeEach
    void setUp() {
        tenant = api.tenant(100);
        buildApi = api.pipeline(tenant, "Build API");
        buildWeb = api.pipeline(tenant, "Build Web");
        creator = user(tenant, "member");
        approver = user(tenant, "member");
        viewer = user(tenant, "viewer");
        environments = api.environmentIds(viewer);
        release = api.releaseId(creator, release("v2.0 Release Pipeline", "2.0.0", List.of(buildApi, buildWeb)));
        events = new TopicRecorder(KafkaServer.bootstrapServers(), "cygnetci.releases.v1");
    }

    @AfterEach
    void tearDown() throws InterruptedException {
        events.close();
    }

    @Test
    void whenAReleaseIsPromotedFromDevToProductionWithOneApprovalThenEveryStageSucceedsAndTheReleaseCompletes() {
        for (String env : List.of("Dev", "QA", "Staging")) {
            succeed(deploy(release, env));
        }
        JsonNode production = body(api.deploy(creator, release, environments.get("Production"))
                .expectStatus().isCreated());
        UUID deployment = UUID.fromString(production.get("id").asString());
        assertThat(production.get("status").asString()).isEqualTo("awaiting_approval");
        assertThat(production.get("required_approvals").asInt()).isOne();

        api.decide(creator, deployment, "approve", "LGTM").expectStatus().isForbidden()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        api.decide(viewer, deployment, "approve", "LGTM").expectStatus().isForbidden();
        JsonNode approved = body(api.decide(approver, deployment, "approve", "Change ticket CHG-42")
                .expectStatus().isOk());
        assertThat(approved.get("status").asString()).isEqualTo("running");
        assertThat(approved.get("approvals_given").asInt()).isOne();
        assertThat(approved.get("approvals").get(0).get("comment").asString()).isEqualTo("Change ticket CHG-42");
        api.decide(user(tenant, "tenant_admin"), deployment, "approve", null).expectStatus().isEqualTo(409);
        succeed(deployment);

        JsonNode done = api.release(viewer, release);
        assertThat(done.get("status").asString()).isEqualTo("completed");
        done.get("stages").forEach(stage -> assertThat(stage.get("status").asString()).isEqualTo("succeeded"));

        await().atMost(ReleaseApi.PATIENCE).until(() -> types().contains("io.cygnetci.release.completed.v1"));
        List<String> types = types();
        assertThat(types.stream().filter(t -> t.equals("io.cygnetci.deployment.requested.v1"))).hasSize(4);
        assertThat(types.stream().filter(t -> t.equals("io.cygnetci.deployment.started.v1"))).hasSize(4);
        assertThat(types.stream().filter(t -> t.equals("io.cygnetci.deployment.succeeded.v1"))).hasSize(4);
        assertThat(types).containsOnlyOnce("io.cygnetci.deployment.approved.v1", "io.cygnetci.release.completed.v1");
        for (ConsumerRecord<String, byte[]> record : mine()) {
            assertThat(TopicRecorder.header(record, "ce_tenantid")).contains(tenant.toString());
            String type = TopicRecorder.header(record, "ce_type").orElseThrow();
            assertThat(EventSchemas.validate(type, record.value())).as(type).isEmpty();
        }
    }

    @Test
    void whenAnEarlierEnvironmentHasNoSucceededDeploymentThen409NamesIt() {
        api.deploy(creator, release, environments.get("Staging")).expectStatus().isEqualTo(409)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON).expectBody()
                .jsonPath("$.type").isEqualTo("https://cygnetci.io/problems/promotion-blocked")
                .jsonPath("$.detail").value(detail -> assertThat(detail.toString()).contains("Dev"));
        succeed(deploy(release, "Dev"));
        api.deploy(creator, release, environments.get("Staging")).expectStatus().isEqualTo(409).expectBody()
                .jsonPath("$.detail").value(detail -> assertThat(detail.toString()).contains("QA"));

        assertThat(api.count("select count(*) from deployments where release_id = '" + release + "'")).isOne();
    }

    @Test
    void whenQaFailsThenStagingIsBlockedUntilQaIsRedeployedSuccessfully() {
        succeed(deploy(release, "Dev"));
        UUID qa = deploy(release, "QA");
        report(qa, buildApi, "succeeded");
        report(qa, buildWeb, "failed");
        awaitStatus(qa, "failed");
        assertThat(api.deployment(viewer, qa).get("reason").asString()).isEqualTo("pipeline_failed");

        api.deploy(creator, release, environments.get("Staging")).expectStatus().isEqualTo(409).expectBody()
                .jsonPath("$.detail").value(detail -> assertThat(detail.toString()).contains("QA").contains("failed"));
        JsonNode stages = api.release(viewer, release).get("stages");
        assertThat(stages.get(1).get("status").asString()).isEqualTo("failed");
        assertThat(stages.get(2).get("promotable").asBoolean()).isFalse();

        succeed(deploy(release, "QA"));
        api.deploy(creator, release, environments.get("Staging")).expectStatus().isCreated();
    }

    @Test
    void whenADeploymentHoldsAnEnvironmentThenAnotherThereIs409UntilItEnds() {
        UUID other = api.releaseId(creator, release("Hotfix", "2.0.1", List.of(buildApi)));
        UUID first = deploy(release, "Dev");

        api.deploy(creator, other, environments.get("Dev")).expectStatus().isEqualTo(409).expectBody()
                .jsonPath("$.type").isEqualTo("https://cygnetci.io/problems/environment-locked")
                .jsonPath("$.detail").value(detail -> assertThat(detail.toString()).contains(first.toString()));
        api.deploy(creator, release, environments.get("Dev")).expectStatus().isEqualTo(409);

        client.post().uri("/api/v1/deployments/{id}/cancel", first).headers(creator.auth()).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("cancelled");
        client.post().uri("/api/v1/deployments/{id}/cancel", first).headers(creator.auth()).exchange()
                .expectStatus().isEqualTo(409);
        UUID second = id(api.deploy(creator, other, environments.get("Dev")).expectStatus().isCreated());
        // an execution report on the cancelled deployment changes nothing
        report(first, buildApi, "succeeded");
        report(second, buildApi, "succeeded");
        awaitStatus(second, "succeeded");
        assertThat(api.deployment(viewer, first).get("status").asString()).isEqualTo("cancelled");
    }

    @Test
    void whenAnEnvironmentIsFrozenThenNoDeploymentStartsThere() {
        TestUser admin = user(tenant, "tenant_admin");
        freeze(admin, "Dev", null, clock.instant().plusSeconds(3600));
        api.deploy(creator, release, environments.get("Dev")).expectStatus().isEqualTo(409).expectBody()
                .jsonPath("$.type").isEqualTo("https://cygnetci.io/problems/environment-frozen")
                .jsonPath("$.detail").value(detail -> assertThat(detail.toString()).contains("Code freeze"));
        // a window that has not begun does not stop a deployment now
        freeze(admin, "Dev", clock.instant().plusSeconds(3600), clock.instant().plusSeconds(7200));
        succeed(deploy(release, "Dev"));
        for (String env : List.of("QA", "Staging")) {
            succeed(deploy(release, env));
        }

        UUID production = deploy(release, "Production");
        freeze(admin, "Production", null, clock.instant().plusSeconds(3600));
        api.decide(approver, production, "approve", "ok").expectStatus().isEqualTo(409).expectBody()
                .jsonPath("$.type").isEqualTo("https://cygnetci.io/problems/environment-frozen");
        JsonNode waiting = api.deployment(viewer, production);
        assertThat(waiting.get("status").asString()).isEqualTo("awaiting_approval");
        assertThat(waiting.get("approvals")).isEmpty();

        client.delete().uri("/api/v1/environments/{id}/freeze", environments.get("Production")).headers(admin.auth())
                .exchange().expectStatus().isOk();
        api.decide(approver, production, "approve", "ok").expectStatus().isOk().expectBody()
                .jsonPath("$.status").isEqualTo("running");
    }

    @Test
    void whenTheTenantsDeploymentsPerHourAreUsedThen429WithRetryAfterUntilTheWindowMoves() {
        UUID small = api.tenant(2);
        UUID pipeline = api.pipeline(small, "Build");
        TestUser member = user(small, "member");
        UUID smallRelease = api.releaseId(member, release("API", "1.0.0", List.of(pipeline)));
        UUID dev = api.environmentIds(member).get("Dev");
        UUID first = id(api.deploy(member, smallRelease, dev).expectStatus().isCreated());
        client.post().uri("/api/v1/deployments/{id}/cancel", first).headers(member.auth()).exchange()
                .expectStatus().isOk();
        clock.advance(Duration.ofMinutes(10));
        UUID second = id(api.deploy(member, smallRelease, dev).expectStatus().isCreated());
        client.post().uri("/api/v1/deployments/{id}/cancel", second).headers(member.auth()).exchange()
                .expectStatus().isOk();

        String retryAfter = api.deploy(member, smallRelease, dev).expectStatus().isEqualTo(429)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .returnResult(String.class).getResponseHeaders().getFirst("Retry-After");
        assertThat(Long.parseLong(retryAfter)).isBetween(3000L, 3000L + 1);
        assertThat(api.count("select count(*) from deployments where tenant_id = '" + small + "'")).isEqualTo(2);

        clock.advance(Duration.ofMinutes(51));
        api.deploy(member, smallRelease, dev).expectStatus().isCreated();
    }

    @Test
    void whenADeploymentIsRejectedThenItEndsFreesTheEnvironmentAndSaysWhy() {
        for (String env : List.of("Dev", "QA", "Staging")) {
            succeed(deploy(release, env));
        }
        UUID production = deploy(release, "Production");
        api.decide(approver, production, "reject", null).expectStatus().isBadRequest().expectBody()
                .jsonPath("$.errors[0].field").isEqualTo("comment");
        api.decide(viewer, production, "reject", "no").expectStatus().isForbidden();
        api.decide(approver, production, "reject", "Release notes are missing the migration").expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("rejected")
                .jsonPath("$.approvals[0].decision").isEqualTo("rejected");
        api.decide(user(tenant, "tenant_admin"), production, "approve", "ok").expectStatus().isEqualTo(409);

        assertThat(meters.find("cygnetci.deployments.finished").tag("status", "rejected").counters())
                .isNotEmpty().allSatisfy(counter -> assertThat(counter.count()).isPositive());
        await().atMost(ReleaseApi.PATIENCE).until(() -> types().contains("io.cygnetci.deployment.rejected.v1"));
        assertThat(types()).doesNotContain("io.cygnetci.deployment.approved.v1");
        api.deploy(creator, release, environments.get("Production")).expectStatus().isCreated();
    }

    @Test
    void whenAPipelineCannotStartThenTheDeploymentFailsWithThatReason() {
        UUID dev = deploy(release, "Dev");
        ReleaseApi.publish("cygnetci.pipeline-executions.v1", tenant, buildWeb,
                "io.cygnetci.execution.not-started.v1", Map.of("tenant_id", tenant.toString(), "pipeline_id",
                        buildWeb.toString(), "deployment_id", dev.toString(), "reason", "pipeline_deleted",
                        "occurred_at", Instant.now().toString()));
        awaitStatus(dev, "failed");
        JsonNode failed = api.deployment(viewer, dev);
        assertThat(failed.get("reason").asString()).isEqualTo("pipeline_not_started");
        assertThat(failed.get("pipelines").toString()).contains("not_started");
    }

    @Test
    void whenAnotherTenantsIdsAreUsedThenEverythingIsNotFoundAndNothingChanges() {
        UUID other = api.tenant();
        UUID theirPipeline = api.pipeline(other, "Their build");
        TestUser them = user(other, "member");
        UUID theirRelease = api.releaseId(them, release("Secret", "9.0.0", List.of(theirPipeline)));
        UUID theirDev = api.environmentIds(them).get("Dev");
        UUID theirDeployment = id(api.deploy(them, theirRelease, theirDev).expectStatus().isCreated());

        String body = api.deploy(creator, theirRelease, environments.get("Dev")).expectStatus().isNotFound()
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(body).doesNotContain("Secret").doesNotContain(other.toString());
        api.deploy(creator, release, theirDev).expectStatus().isNotFound();
        client.get().uri("/api/v1/deployments/{id}", theirDeployment).headers(creator.auth()).exchange()
                .expectStatus().isNotFound();
        for (String action : List.of("approve", "reject", "cancel")) {
            client.post().uri("/api/v1/deployments/{id}/" + action, theirDeployment).headers(approver.auth())
                    .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("comment", "x")).exchange()
                    .expectStatus().isNotFound();
        }
        client.get().uri("/api/v1/releases/{id}/deployments", theirRelease).headers(creator.auth()).exchange()
                .expectStatus().isNotFound();
        assertThat(body(client.get().uri("/api/v1/deployments?limit=200").headers(creator.auth()).exchange()
                .expectStatus().isOk()).toString()).doesNotContain(theirDeployment.toString());

        assertThat(api.deployment(them, theirDeployment).get("status").asString()).isEqualTo("running");
        assertThat(api.count("select count(*) from deployments where tenant_id = '" + tenant + "'")).isZero();
    }

    // ---- helpers

    private UUID deploy(UUID releaseId, String environment) {
        return id(api.deploy(creator, releaseId, environments.get(environment)).expectStatus().isCreated());
    }

    /** Plays pipeline-service running every pipeline of the deployment to success. */
    private void succeed(UUID deployment) {
        for (UUID pipeline : List.of(buildApi, buildWeb)) {
            report(deployment, pipeline, "succeeded");
        }
        awaitStatus(deployment, "succeeded");
    }

    private void report(UUID deployment, UUID pipeline, String outcome) {
        UUID execution = UUID.randomUUID();
        ReleaseApi.publishExecution(tenant, deployment, pipeline, execution, "queued", "queued");
        ReleaseApi.publishExecution(tenant, deployment, pipeline, execution, "finished", outcome);
    }

    private void awaitStatus(UUID deployment, String status) {
        await().atMost(ReleaseApi.PATIENCE).untilAsserted(() ->
                assertThat(api.deployment(viewer, deployment).get("status").asString()).isEqualTo(status));
    }

    private void freeze(TestUser admin, String environment, Instant from, Instant until) {
        Map<String, Object> body = new java.util.HashMap<>(Map.of("until", until.toString(), "reason", "Code freeze"));
        if (from != null) {
            body.put("from", from.toString());
        }
        client.put().uri("/api/v1/environments/{id}/freeze", environments.get(environment)).headers(admin.auth())
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange().expectStatus().isOk();
    }

    private List<ConsumerRecord<String, byte[]>> mine() {
        return events.records(r -> r.key().equals(tenant.toString()));
    }

    private List<String> types() {
        List<String> types = new ArrayList<>();
        mine().forEach(r -> types.add(TopicRecorder.header(r, "ce_type").orElse("")));
        return types;
    }
}
