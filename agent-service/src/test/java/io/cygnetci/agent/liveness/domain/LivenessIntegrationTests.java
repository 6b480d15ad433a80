package io.cygnetci.agent.liveness.domain;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.cygnetci.agent.agent.event.AgentEvents;
import io.cygnetci.agent.config.AgentProperties;
import io.cygnetci.agent.support.AgentApi;
import io.cygnetci.agent.support.AgentApi.RegisteredAgent;
import io.cygnetci.agent.support.AgentServiceIntegrationTest;
import io.cygnetci.platform.data.TenantDatabase;
import io.cygnetci.platform.events.outbox.Outbox;
import io.cygnetci.platform.test.events.EventSchemas;
import io.cygnetci.platform.test.kafka.KafkaServer;
import io.cygnetci.platform.test.kafka.TopicRecorder;
import io.cygnetci.platform.test.time.MutableClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static io.cygnetci.agent.support.AgentApi.bearer;
import static io.cygnetci.agent.support.AgentApi.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Liveness with a clock the test moves: online at the first heartbeat, offline when the window passes, online
 * again, stale after a week; each transition emitted once even with two detectors racing.
 */
@AgentServiceIntegrationTest
class LivenessIntegrationTests {

    @Autowired
    WebTestClient client;

    @Autowired
    MutableClock clock;

    @Autowired
    LivenessDetector detector;

    @Autowired
    TenantDatabase database;

    @Autowired
    Outbox outbox;

    @Autowired
    AgentProperties properties;

    @Autowired
    io.cygnetci.platform.test.postgres.TestDatabase testDatabase;

    AgentApi api;
    UUID tenant;
    TopicRecorder events;
    LivenessDetector secondReplica;

    @BeforeEach
    void setUp() {
        api = new AgentApi(client);
        tenant = UUID.randomUUID();
        events = new TopicRecorder(KafkaServer.bootstrapServers(), AgentEvents.TOPIC);
        secondReplica = new LivenessDetector(database, outbox, properties, clock, new SimpleMeterRegistry());
    }

    @AfterEach
    void tearDown() throws InterruptedException {
        events.close();
    }

    @Test
    void whenHeartbeatsStopAndResumeThenTheAgentGoesOfflineAndOnlineWithOneEventPerTransition() {
        RegisteredAgent agent = api.registerAgent(tenant, "flaky");
        api.heartbeat(agent.id(), agent.credential()).expectStatus().isAccepted();
        awaitStatus(agent.id(), "online");

        clock.advance(Duration.ofSeconds(29));
        assertThat(detectWithTwoReplicas()).isZero();
        assertThat(status(agent.id())).isEqualTo("online");

        clock.advance(Duration.ofSeconds(2));
        assertThat(detectWithTwoReplicas()).isEqualTo(1);
        assertThat(status(agent.id())).isEqualTo("offline");
        assertThat(detectWithTwoReplicas()).isZero();

        api.heartbeat(agent.id(), agent.credential()).expectStatus().isAccepted();
        awaitStatus(agent.id(), "online");

        awaitEvents(agent.id(), AgentEvents.ONLINE, 2);
        awaitEvents(agent.id(), AgentEvents.OFFLINE, 1);
    }

    @Test
    void whenAnAgentStaysOfflineForAWeekThenItIsStale() {
        RegisteredAgent agent = api.registerAgent(tenant, "abandoned");
        api.heartbeat(agent.id(), agent.credential()).expectStatus().isAccepted();
        awaitStatus(agent.id(), "online");

        clock.advance(Duration.ofMinutes(1));
        assertThat(detectWithTwoReplicas()).isGreaterThanOrEqualTo(1);
        clock.advance(Duration.ofDays(7).plusMinutes(1));
        assertThat(detectWithTwoReplicas()).isGreaterThanOrEqualTo(1);

        assertThat(status(agent.id())).isEqualTo("stale");
        awaitEvents(agent.id(), AgentEvents.STALE, 1);
        api.heartbeat(agent.id(), agent.credential()).expectStatus().isAccepted();
        awaitStatus(agent.id(), "online");
    }

    @Test
    void whenATenantSetsItsOwnWindowThenItsAgentsGoOfflineByIt() {
        String admin = user(tenant, "tenant_admin");
        client.put().uri("/api/v1/agents/settings").headers(bearer(admin)).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("heartbeat_interval_seconds", 5, "offline_after_seconds", 12)).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.offline_after_seconds").isEqualTo(12)
                .jsonPath("$.custom").isEqualTo(true);
        client.put().uri("/api/v1/agents/settings").headers(bearer(admin)).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("heartbeat_interval_seconds", 5, "offline_after_seconds", 4)).exchange()
                .expectStatus().isBadRequest();
        client.put().uri("/api/v1/agents/settings").headers(bearer(user(tenant, "member")))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("heartbeat_interval_seconds", 1)).exchange()
                .expectStatus().isForbidden();

        RegisteredAgent agent = api.registerAgent(tenant, "quick");
        assertThat(agent.body().get("heartbeat_interval_seconds").asInt()).isEqualTo(5);
        api.heartbeat(agent.id(), agent.credential()).expectStatus().isAccepted().expectBody()
                .jsonPath("$.next_interval_seconds").isEqualTo(5);
        awaitStatus(agent.id(), "online");

        clock.advance(Duration.ofSeconds(13));
        assertThat(detectWithTwoReplicas()).isGreaterThanOrEqualTo(1);
        assertThat(status(agent.id())).isEqualTo("offline");
    }

    @Test
    void whenManyAgentsComeOnlineAndGoOfflineTogetherThenOneBatchAndOnePassTakeThemAll() throws Exception {
        AgentApi.publishTenant(tenant, "updated", true, 100);
        await().atMost(Duration.ofSeconds(20)).until(() -> maxAgents(tenant) == 100);
        String secret = api.registrationToken(tenant);
        List<RegisteredAgent> agents = new java.util.ArrayList<>();
        for (int i = 0; i < 80; i++) {
            agents.add(AgentApi.registered(api.register(secret, UUID.randomUUID(), "fleet-" + i, List.of())
                    .expectStatus().isCreated()));
        }
        // more transitions in one statement than a reactive prefetch holds (32): reads and writes must not wait
        // for each other on the one connection
        agents.forEach(a -> api.heartbeat(a.id(), a.credential()).expectStatus().isAccepted());
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(countOnline()).isEqualTo(80));

        clock.advance(Duration.ofMinutes(1));
        assertThat(detectWithTwoReplicas()).isGreaterThanOrEqualTo(80);
        assertThat(countOnline()).isZero();
    }

    private long countOnline() {
        return client.get().uri("/api/v1/agents?status=online&limit=200").headers(bearer(user(tenant, "viewer")))
                .exchange().expectStatus().isOk().expectBody(tools.jackson.databind.JsonNode.class).returnResult()
                .getResponseBody().get("items").size();
    }

    private int maxAgents(UUID tenantId) throws Exception {
        try (var connection = testDatabase.connectAsSuperuser();
                var sql = connection.prepareStatement("select max_agents from tenants where tenant_id = ?")) {
            sql.setObject(1, tenantId);
            try (var rows = sql.executeQuery()) {
                return rows.next() ? rows.getInt(1) : -1;
            }
        }
    }

    /** Both detectors run at the same moment, as two replicas would. */
    private int detectWithTwoReplicas() {
        return Mono.zip(detector.detectOnce().subscribeOn(Schedulers.parallel()),
                secondReplica.detectOnce().subscribeOn(Schedulers.parallel()), Integer::sum)
                .block(Duration.ofSeconds(30));
    }

    private void awaitStatus(UUID agentId, String status) {
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(status(agentId)).isEqualTo(status));
    }

    private String status(UUID agentId) {
        return api.agent(tenant, agentId).get("status").asString();
    }

    private void awaitEvents(UUID agentId, String type, int count) {
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(of(agentId, type)).hasSize(count));
        // and no more arrive
        await().pollDelay(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(of(agentId, type)).hasSize(count));
        of(agentId, type).forEach(r -> assertThat(EventSchemas.validate(type, r.value())).isEmpty());
    }

    private List<ConsumerRecord<String, byte[]>> of(UUID agentId, String type) {
        return events.ofType(type).stream()
                .filter(r -> new String(r.headers().lastHeader("ce_subject").value()).equals(agentId.toString()))
                .toList();
    }
}
