package io.cygnetci.monitoring.activity.web;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.cygnetci.platform.test.jwt.TestUser;
import io.cygnetci.monitoring.support.MonitoringServiceTest;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import tools.jackson.databind.JsonNode;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;

import static io.cygnetci.monitoring.support.MonitoringApi.PATIENCE;
import static io.cygnetci.monitoring.support.MonitoringApi.publishAgent;
import static io.cygnetci.monitoring.support.MonitoringApi.publishDeployment;
import static io.cygnetci.monitoring.support.MonitoringApi.publishFinished;
import static io.cygnetci.monitoring.support.MonitoringApi.publishPipeline;
import static io.cygnetci.monitoring.support.MonitoringApi.publishRelease;
import static io.cygnetci.monitoring.support.MonitoringApi.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The activity feed: events in words, filters, pages, the live stream, and nothing of another tenant. */
class ActivityIntegrationTests extends MonitoringServiceTest {

    private static final ParameterizedTypeReference<ServerSentEvent<JsonNode>> SSE = new ParameterizedTypeReference<>() {
    };

    @Test
    void whenThingsHappenThenTheFeedSaysSoInWordsNewestFirst() {
        UUID tenant = UUID.randomUUID();
        TestUser viewer = user(tenant, "viewer");
        UUID agent = UUID.randomUUID();
        UUID pipeline = UUID.randomUUID();
        UUID release = UUID.randomUUID();
        publishAgent(tenant, agent, "acme-prod-001", "online", "online", Instant.now());
        publishPipeline(tenant, pipeline, "Build API", "created");
        // agents and executions come on different topics: as in production, the agent is known before it runs a job
        await().atMost(PATIENCE).until(() -> api.activity(viewer, "").get("items").size() == 2);
        publishFinished(tenant, pipeline, UUID.randomUUID(), "Build API", agent, "succeeded", 90_000, Instant.now());
        publishRelease(tenant, release, "v2.0", "2.0.0", "created");
        publishDeployment(tenant, release, "v2.0", "Staging", "succeeded", "succeeded");
        publishFinished(tenant, pipeline, UUID.randomUUID(), "Build API", agent, "failed", 1_000, Instant.now());
        publishAgent(tenant, agent, "acme-prod-001", "offline", "offline", Instant.now());

        await().atMost(PATIENCE).until(() -> api.activity(viewer, "").get("items").size() == 7);
        List<String> lines = messages(api.activity(viewer, ""));
        assertThat(lines).containsExactly("Agent acme-prod-001 went offline",
                "Pipeline Build API failed on acme-prod-001 (step failed)",
                "Release v2.0 (2.0.0) deployed to Staging", "Release v2.0 (2.0.0) created",
                "Pipeline Build API completed on acme-prod-001", "Pipeline Build API created",
                "Agent acme-prod-001 came online");
        JsonNode newest = api.activity(viewer, "").get("items").get(0);
        assertThat(newest.get("kind").asString()).isEqualTo("agent");
        assertThat(newest.get("severity").asString()).isEqualTo("warning");
        assertThat(newest.get("subject_id").asString()).isEqualTo(agent.toString());

        assertThat(messages(api.activity(viewer, "?kind=agent,release"))).containsExactly(
                "Agent acme-prod-001 went offline", "Release v2.0 (2.0.0) created", "Agent acme-prod-001 came online");
        assertThat(messages(api.activity(viewer, "?kind=deployment&kind=execution"))).hasSize(3);

        List<String> paged = new ArrayList<>();
        JsonNode page = api.activity(viewer, "?limit=3");
        paged.addAll(messages(page));
        while (page.hasNonNull("next_cursor")) {
            page = api.activity(viewer, "?limit=3&cursor=" + page.get("next_cursor").asString());
            paged.addAll(messages(page));
        }
        assertThat(paged).isEqualTo(lines);

        // another tenant sees none of it; a bad filter changes nothing and says why
        assertThat(api.activity(user(UUID.randomUUID(), "tenant_admin"), "").get("items")).isEmpty();
        client.get().uri("/api/v1/activity?kind=weather").headers(viewer.auth()).exchange().expectStatus()
                .isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("kind");
    }

    @Test
    void whenFollowingTheStreamThenNewActivityOfTheTenantArrivesAndNoOtherTenantsDoes() {
        UUID tenant = UUID.randomUUID();
        UUID other = UUID.randomUUID();
        TestUser viewer = user(tenant, "viewer");
        publishPipeline(tenant, UUID.randomUUID(), "Old news", "created");
        await().atMost(PATIENCE).until(() -> api.activity(viewer, "").get("items").size() == 1);

        Flux<ServerSentEvent<JsonNode>> stream = client.get().uri("/api/v1/activity/stream")
                .headers(viewer.auth()).accept(MediaType.TEXT_EVENT_STREAM).exchange().expectStatus().isOk()
                .returnResult(SSE).getResponseBody();
        publishPipeline(other, UUID.randomUUID(), "Their pipeline", "created");
        publishPipeline(tenant, UUID.randomUUID(), "Deploy Web", "created");
        publishPipeline(tenant, UUID.randomUUID(), "Run Tests", "created");

        List<ServerSentEvent<JsonNode>> received = stream.filter(e -> "activity".equals(e.event())).take(2)
                .collectList().block(PATIENCE);
        assertThat(received).extracting(e -> e.data().get("message").asString())
                .containsExactly("Pipeline Deploy Web created", "Pipeline Run Tests created");

        // a client reconnecting with the id of the last event it saw gets what came after
        String firstId = received.get(0).id();
        ServerSentEvent<JsonNode> missed = client.get().uri("/api/v1/activity/stream").headers(viewer.auth())
                .header("Last-Event-ID", firstId).accept(MediaType.TEXT_EVENT_STREAM).exchange().expectStatus().isOk()
                .returnResult(SSE).getResponseBody().filter(e -> "activity".equals(e.event())).next()
                .block(Duration.ofSeconds(10));
        assertThat(missed.data().get("message").asString()).isEqualTo("Pipeline Run Tests created");
    }

    private static List<String> messages(JsonNode page) {
        return page.get("items").valueStream().map(a -> a.get("message").asString()).toList();
    }
}
