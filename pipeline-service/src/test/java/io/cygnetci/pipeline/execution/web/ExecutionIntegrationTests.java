package io.cygnetci.pipeline.execution.web;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.cygnetci.pipeline.support.PipelineApi.TestAgent;
import io.cygnetci.pipeline.support.PipelineServiceTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.http.MediaType;

import static io.cygnetci.pipeline.support.PipelineApi.bearer;
import static io.cygnetci.pipeline.support.PipelineApi.body;
import static io.cygnetci.pipeline.support.PipelineApi.pipeline;
import static io.cygnetci.pipeline.support.PipelineApi.step;
import static io.cygnetci.pipeline.support.PipelineApi.user;
import static org.assertj.core.api.Assertions.assertThat;

class ExecutionIntegrationTests extends PipelineServiceTest {

    UUID deploy(UUID tenant) {
        Map<String, Object> body = pipeline("Deploy", List.of(step("Deploy", "./deploy.sh")));
        body.put("parameters", List.of(Map.of("name", "ENVIRONMENT", "required", true),
                Map.of("name", "REGION", "default", "eu-west-1"), Map.of("name", "DRY_RUN")));
        return api.pipelineId(tenant, body);
    }

    long executions(UUID tenant) {
        return api.count("select count(*) from executions where tenant_id = '" + tenant + "'");
    }

    @Test
    void whenTriggeredThenTheExecutionIsQueuedWithDefaultsAndNumbered() {
        UUID tenant = api.tenant();
        UUID pipeline = deploy(tenant);
        JsonNode first = body(api.trigger(tenant, pipeline, Map.of("ENVIRONMENT", "qa")).expectStatus().isCreated()
                .expectHeader().exists("Location"));
        assertThat(first.get("status").asString()).isEqualTo("queued");
        assertThat(first.get("number").asLong()).isEqualTo(1);
        assertThat(first.get("parameters").toString()).isEqualTo("{\"ENVIRONMENT\":\"qa\",\"REGION\":\"eu-west-1\"}");
        assertThat(first.get("steps").get(0).get("status").asString()).isEqualTo("pending");
        JsonNode second = body(api.trigger(tenant, pipeline, Map.of("ENVIRONMENT", "prod", "DRY_RUN", "1"))
                .expectStatus().isCreated());
        assertThat(second.get("number").asLong()).isEqualTo(2);
    }

    @Test
    void whenParametersAreUnknownOrRequiredOnesMissingThenItAnswers400AndQueuesNothing() {
        UUID tenant = api.tenant();
        UUID pipeline = deploy(tenant);
        JsonNode unknown = body(api.trigger(tenant, pipeline, Map.of("ENVIRONMENT", "qa", "COLOUR", "red"))
                .expectStatus().isBadRequest().expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON));
        assertThat(unknown.get("errors").toString()).contains("parameters.COLOUR");
        JsonNode missing = body(api.trigger(tenant, pipeline, Map.of()).expectStatus().isBadRequest());
        assertThat(missing.get("errors").toString()).contains("parameters.ENVIRONMENT").contains("is required");
        api.trigger(tenant, pipeline, Map.of("ENVIRONMENT", " ")).expectStatus().isBadRequest();
        client.post().uri("/api/v1/pipelines/{id}/executions", pipeline).headers(bearer(user(tenant, "member")))
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"parameters\": {\"ENVIRONMENT\": 3}, \"x\": 1}")
                .exchange().expectStatus().isBadRequest();
        assertThat(executions(tenant)).isZero();
    }

    @Test
    void whenTheHourlyQuotaIsUsedThenItAnswers429WithRetryAfterAndQueuesNothing() {
        UUID tenant = api.tenant(10, 3);
        UUID pipeline = api.pipelineId(tenant, pipeline("Quick", List.of(step("a", "true"))));
        for (int i = 0; i < 3; i++) {
            api.execute(tenant, pipeline, Map.of());
        }
        JsonNode problem = body(api.trigger(tenant, pipeline, Map.of()).expectStatus().isEqualTo(429)
                .expectHeader().value("Retry-After", value -> assertThat(Long.parseLong(value)).isBetween(3000L,
                        3600L)));
        assertThat(problem.get("detail").asString()).contains("3 executions per hour");
        assertThat(executions(tenant)).isEqualTo(3);
        // another tenant's quota is its own
        UUID other = api.tenant(10, 3);
        api.execute(other, api.pipelineId(other, pipeline("Quick", List.of(step("a", "true")))), Map.of());
    }

    @Test
    void whenAQueuedExecutionIsCancelledThenItEndsAtOnceAndARetryIsLinkedToIt() {
        UUID tenant = api.tenant();
        UUID pipeline = deploy(tenant);
        UUID execution = api.execute(tenant, pipeline, Map.of("ENVIRONMENT", "qa"));
        client.post().uri("/api/v1/executions/{id}/retry", execution).headers(bearer(user(tenant, "member")))
                .exchange().expectStatus().isEqualTo(409);
        JsonNode cancelled = body(client.post().uri("/api/v1/executions/{id}/cancel", execution)
                .headers(bearer(user(tenant, "member"))).exchange().expectStatus().isOk());
        assertThat(cancelled.get("status").asString()).isEqualTo("cancelled");
        assertThat(cancelled.get("reason").asString()).isEqualTo("cancelled_by_user");

        JsonNode retry = body(client.post().uri("/api/v1/executions/{id}/retry", execution)
                .headers(bearer(user(tenant, "member"))).exchange().expectStatus().isCreated());
        assertThat(retry.get("retry_of").asString()).isEqualTo(execution.toString());
        assertThat(retry.get("number").asLong()).isEqualTo(2);
        assertThat(retry.get("parameters").get("ENVIRONMENT").asString()).isEqualTo("qa");
        client.post().uri("/api/v1/executions/{id}/cancel", execution).headers(bearer(user(tenant, "viewer")))
                .exchange().expectStatus().isForbidden();
    }

    @Test
    void whenListingThenFiltersAndCursorPagesWork() {
        UUID tenant = api.tenant();
        UUID deploy = deploy(tenant);
        UUID build = api.pipelineId(tenant, pipeline("Build", List.of(step("a", "true"))));
        Instant before = Instant.now();
        List<UUID> all = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            all.add(api.execute(tenant, deploy, Map.of("ENVIRONMENT", "qa")));
            all.add(api.execute(tenant, build, Map.of()));
        }
        client.post().uri("/api/v1/executions/{id}/cancel", all.get(0)).headers(bearer(user(tenant, "member")))
                .exchange().expectStatus().isOk();

        Set<String> seen = new HashSet<>();
        String cursor = null;
        do {
            JsonNode page = body(client.get().uri(cursor == null ? "/api/v1/executions?limit=4"
                    : "/api/v1/executions?limit=4&cursor=" + cursor).headers(bearer(user(tenant, "viewer")))
                    .exchange().expectStatus().isOk());
            page.get("items").forEach(item -> seen.add(item.get("id").asString()));
            cursor = page.has("next_cursor") ? page.get("next_cursor").asString() : null;
        }
        while (cursor != null);
        assertThat(seen).hasSize(6);

        JsonNode ofBuild = body(client.get().uri("/api/v1/executions?pipeline_id={p}", build)
                .headers(bearer(user(tenant, "viewer"))).exchange().expectStatus().isOk());
        assertThat(ofBuild.get("items")).hasSize(3);
        JsonNode same = body(client.get().uri("/api/v1/pipelines/{p}/executions", build)
                .headers(bearer(user(tenant, "viewer"))).exchange().expectStatus().isOk());
        assertThat(same.get("items")).hasSize(3);
        JsonNode cancelled = body(client.get().uri("/api/v1/executions?status=cancelled")
                .headers(bearer(user(tenant, "viewer"))).exchange().expectStatus().isOk());
        assertThat(cancelled.get("items")).hasSize(1);
        JsonNode inRange = body(client.get().uri("/api/v1/executions?from={f}&to={t}", before.minusSeconds(1),
                before.minusMillis(1)).headers(bearer(user(tenant, "viewer"))).exchange().expectStatus().isOk());
        assertThat(inRange.get("items")).isEmpty();
        client.get().uri("/api/v1/executions?status=done").headers(bearer(user(tenant, "viewer"))).exchange()
                .expectStatus().isBadRequest();
        client.get().uri("/api/v1/executions?from=yesterday").headers(bearer(user(tenant, "viewer"))).exchange()
                .expectStatus().isBadRequest();
    }

    @Test
    void whenExecutionsFinishThenPipelineStatsCountThemWithAverageAndP95() {
        UUID tenant = api.tenant();
        TestAgent agent = api.agent(tenant);
        UUID pipeline = api.pipelineId(tenant, pipeline("Stats", List.of(step("a", "true"))));
        List<String> outcomes = List.of("succeeded", "succeeded", "succeeded", "failed");
        for (String outcome : outcomes) {
            UUID job = api.execute(tenant, pipeline, Map.of());
            api.claim(agent);
            api.stepResult(agent, job, 0, outcome, outcome.equals("failed") ? 1 : 0).expectStatus().isOk();
            api.finish(agent, job, outcome).expectStatus().isOk();
        }
        api.execute(tenant, pipeline, Map.of());
        JsonNode stats = body(client.get().uri("/api/v1/pipelines/{id}/stats", pipeline)
                .headers(bearer(user(tenant, "viewer"))).exchange().expectStatus().isOk());
        assertThat(stats.get("executions").asLong()).isEqualTo(5);
        assertThat(stats.get("succeeded").asLong()).isEqualTo(3);
        assertThat(stats.get("failed").asLong()).isEqualTo(1);
        assertThat(stats.get("queued").asLong()).isEqualTo(1);
        assertThat(stats.get("success_rate").asDouble()).isEqualTo(0.75);
        assertThat(stats.get("average_duration_ms").asLong()).isNotNegative();
        assertThat(stats.get("p95_duration_ms").asLong()).isGreaterThanOrEqualTo(
                stats.get("average_duration_ms").asLong() - 1);
    }

    @Test
    void whenAnotherTenantsPipelineExecutionOrLogIsAskedForThenItAnswers404() {
        UUID tenant = api.tenant();
        UUID other = api.tenant();
        UUID theirPipeline = deploy(other);
        UUID theirExecution = api.execute(other, theirPipeline, Map.of("ENVIRONMENT", "prod"));
        String token = user(tenant, "tenant_admin");
        client.get().uri("/api/v1/executions/{id}", theirExecution).headers(bearer(token)).exchange()
                .expectStatus().isNotFound();
        client.get().uri("/api/v1/executions/{id}/steps/0/log", theirExecution).headers(bearer(token)).exchange()
                .expectStatus().isNotFound();
        client.post().uri("/api/v1/executions/{id}/cancel", theirExecution).headers(bearer(token)).exchange()
                .expectStatus().isNotFound();
        client.post().uri("/api/v1/executions/{id}/retry", theirExecution).headers(bearer(token)).exchange()
                .expectStatus().isNotFound();
        JsonNode problem = body(api.trigger(tenant, theirPipeline, Map.of("ENVIRONMENT", "x")).expectStatus()
                .isNotFound());
        // the instance is the caller's own request path; nothing else names the other tenant's pipeline
        assertThat(problem.get("detail").asString()).doesNotContain(theirPipeline.toString())
                .doesNotContain(other.toString());
        client.get().uri("/api/v1/pipelines/{id}/stats", theirPipeline).headers(bearer(token)).exchange()
                .expectStatus().isNotFound();
        // a pipeline's executions answer as the pipeline does: 404, as for a pipeline that does not exist
        client.get().uri("/api/v1/pipelines/{id}/executions", theirPipeline).headers(bearer(token)).exchange()
                .expectStatus().isNotFound();
        client.get().uri("/api/v1/pipelines/{id}/executions", UUID.randomUUID()).headers(bearer(token)).exchange()
                .expectStatus().isNotFound();
        JsonNode list = body(client.get().uri("/api/v1/executions").headers(bearer(token)).exchange()
                .expectStatus().isOk());
        assertThat(list.get("items")).isEmpty();
        assertThat(api.execution(other, theirExecution).get("status").asString()).isEqualTo("queued");
    }
}
