package io.cygnetci.pipeline.execution.domain;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.cygnetci.pipeline.support.PipelineApi.TestAgent;
import io.cygnetci.pipeline.support.PipelineServiceTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import static io.cygnetci.pipeline.support.PipelineApi.bearer;
import static io.cygnetci.pipeline.support.PipelineApi.pipeline;
import static io.cygnetci.pipeline.support.PipelineApi.step;
import static io.cygnetci.pipeline.support.PipelineApi.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A claim whose answer never reached its runner does not strand the execution. */
@TestPropertySource(properties = { "cygnetci.pipelines.claim-lease=1s", "cygnetci.pipelines.lease-check-interval=0s" })
class UnacknowledgedClaimsIntegrationTests extends PipelineServiceTest {

    @Autowired
    UnacknowledgedClaims claims;

    @Test
    void whenAClaimedJobStartsNoStepWithinTheLeaseThenItIsQueuedAgainForAnotherAgent() {
        UUID tenant = api.tenant();
        TestAgent lost = api.agent(tenant);
        TestAgent other = api.agent(tenant);
        UUID pipeline = api.pipelineId(tenant, pipeline("Lease", List.of(step("a", "true"))));
        UUID abandoned = api.execute(tenant, pipeline, Map.of());
        UUID started = api.execute(tenant, pipeline, Map.of());
        assertThat(api.claim(lost).get("job_id").asString()).isEqualTo(abandoned.toString());
        assertThat(api.claim(other).get("job_id").asString()).isEqualTo(started.toString());
        api.startStep(other, started, 0).expectStatus().isOk();
        await().pollDelay(Duration.ofMillis(1100)).atMost(Duration.ofSeconds(5)).until(() -> true);

        assertThat(claims.release().block(Duration.ofSeconds(10))).isEqualTo(1);

        JsonNode requeued = api.execution(tenant, abandoned);
        assertThat(requeued.get("status").asString()).isEqualTo("queued");
        assertThat(requeued.has("agent_id")).isFalse();
        assertThat(api.execution(tenant, started).get("status").asString()).isEqualTo("running");
        JsonNode again = api.claim(other);
        assertThat(again.get("job_id").asString()).isEqualTo(abandoned.toString());
        // the first claimer, should it wake up, no longer owns the job
        api.startStep(lost, abandoned, 0).expectStatus().isNotFound();
    }

    @Test
    void whenAnUnacknowledgedClaimWasCancelledThenItEndsCancelledInsteadOfRunningAgain() {
        UUID tenant = api.tenant();
        TestAgent lost = api.agent(tenant);
        UUID execution = api.execute(tenant, api.pipelineId(tenant, pipeline("Lease", List.of(step("a", "true")))),
                Map.of());
        api.claim(lost);
        client.post().uri("/api/v1/executions/{id}/cancel", execution).headers(bearer(user(tenant, "member")))
                .exchange().expectStatus().isAccepted();
        await().pollDelay(Duration.ofMillis(1100)).atMost(Duration.ofSeconds(5)).until(() -> true);

        claims.release().block(Duration.ofSeconds(10));

        JsonNode ended = api.execution(tenant, execution);
        assertThat(ended.get("status").asString()).isEqualTo("cancelled");
        assertThat(ended.get("steps").get(0).get("status").asString()).isEqualTo("skipped");
    }
}
