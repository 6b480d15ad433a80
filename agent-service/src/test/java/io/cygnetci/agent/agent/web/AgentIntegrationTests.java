package io.cygnetci.agent.agent.web;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.cygnetci.agent.agent.event.AgentEvents;
import io.cygnetci.agent.heartbeat.event.HeartbeatEvent;
import io.cygnetci.agent.support.AgentApi;
import io.cygnetci.agent.support.AgentApi.RegisteredAgent;
import io.cygnetci.agent.support.AgentServiceIntegrationTest;
import io.cygnetci.platform.test.events.EventSchemas;
import io.cygnetci.platform.test.kafka.KafkaServer;
import io.cygnetci.platform.test.kafka.TopicRecorder;
import io.cygnetci.platform.test.postgres.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static io.cygnetci.agent.support.AgentApi.bearer;
import static io.cygnetci.agent.support.AgentApi.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Registration, re-registration, limits, tenant isolation and the agent API. */
@AgentServiceIntegrationTest
class AgentIntegrationTests {

    @Autowired
    WebTestClient client;

    @Autowired
    TestDatabase database;

    AgentApi api;
    UUID tenant;
    TopicRecorder events;

    @BeforeEach
    void setUp() {
        api = new AgentApi(client);
        tenant = UUID.randomUUID();
        events = new TopicRecorder(KafkaServer.bootstrapServers(), AgentEvents.TOPIC);
    }

    @AfterEach
    void tearDown() throws InterruptedException {
        events.close();
    }

    @Test
    void whenAnAgentRegistersThenItGetsACredentialForItselfAndTheRegisteredEventIsPublished() {
        UUID uuid = UUID.randomUUID();
        JsonNode body = api.register(api.registrationToken(tenant), uuid, "builder-1", List.of("linux", "docker"))
                .expectStatus().isCreated().expectBody(JsonNode.class).returnResult().getResponseBody();
        UUID id = UUID.fromString(body.get("agent_id").asString());
        assertThat(body.get("heartbeat_interval_seconds").asInt()).isEqualTo(10);
        assertThat(body.get("credential").asString()).isNotBlank();

        JsonNode agent = api.agent(tenant, id);
        assertThat(agent.get("status").asString()).isEqualTo("never_connected");
        assertThat(agent.get("uuid").asString()).isEqualTo(uuid.toString());
        assertThat(agent.get("labels").toString()).isEqualTo("[\"linux\",\"docker\"]");

        try (TopicRecorder heartbeats = new TopicRecorder(KafkaServer.bootstrapServers(), HeartbeatEvent.TOPIC)) {
            api.heartbeat(id, body.get("credential").asString()).expectStatus().isAccepted().expectBody()
                    .jsonPath("$.next_interval_seconds").isEqualTo(10).jsonPath("$.actions.length()").isEqualTo(0);
            await().atMost(Duration.ofSeconds(20)).until(() -> !heartbeats.records(r -> r.key().equals(id.toString()))
                    .isEmpty());
            var heartbeat = heartbeats.records(r -> r.key().equals(id.toString())).get(0);
            assertThat(TopicRecorder.header(heartbeat, "ce_tenantid")).contains(tenant.toString());
            assertThat(EventSchemas.validate(HeartbeatEvent.TYPE, heartbeat.value())).isEmpty();
        }
        catch (InterruptedException ex) {
            throw new IllegalStateException(ex);
        }

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(events.ofType(AgentEvents.REGISTERED)
                .stream().filter(r -> new String(r.headers().lastHeader("ce_subject").value()).equals(id.toString())))
                .hasSize(1));
        var record = events.ofType(AgentEvents.REGISTERED).stream()
                .filter(r -> new String(r.headers().lastHeader("ce_subject").value()).equals(id.toString()))
                .findFirst().orElseThrow();
        assertThat(TopicRecorder.header(record, "ce_tenantid")).contains(tenant.toString());
        assertThat(record.key()).isEqualTo(tenant.toString());
        assertThat(EventSchemas.validate(AgentEvents.REGISTERED, record.value())).isEmpty();
    }

    @Test
    void whenTheSameUuidRegistersAgainThenItIsTheSameAgentAndOnlyTheNewCredentialWorks() {
        String secret = api.registrationToken(tenant);
        UUID uuid = UUID.randomUUID();
        RegisteredAgent first = AgentApi.registered(api.register(secret, uuid, "builder", List.of())
                .expectStatus().isCreated());
        RegisteredAgent second = AgentApi.registered(api.register(secret, uuid, "builder-renamed", List.of("gpu"))
                .expectStatus().isOk());

        assertThat(second.id()).isEqualTo(first.id());
        assertThat(second.body().get("reregistered").asBoolean()).isTrue();
        api.heartbeat(first.id(), first.credential()).expectStatus().isUnauthorized()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        api.heartbeat(second.id(), second.credential()).expectStatus().isAccepted();
        assertThat(api.agent(tenant, first.id()).get("name").asString()).isEqualTo("builder-renamed");
    }

    @Test
    void whenTheTenantReachesMaxAgentsThenTheNextRegistrationConflictsButReRegistrationStillWorks() {
        AgentApi.publishTenant(tenant, "updated", true, 2);
        await().atMost(Duration.ofSeconds(20)).until(() -> maxAgents(tenant) == 2);
        String secret = api.registrationToken(tenant);
        UUID first = UUID.randomUUID();
        api.register(secret, first, "first", List.of()).expectStatus().isCreated();
        api.register(secret, UUID.randomUUID(), "second", List.of()).expectStatus().isCreated();

        api.register(secret, UUID.randomUUID(), "third", List.of()).expectStatus().isEqualTo(409)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo("https://cygnetci.io/problems/quota-exceeded");
        api.register(secret, first, "first-again", List.of()).expectStatus().isOk();
        client.get().uri("/api/v1/agents").headers(bearer(user(tenant, "viewer"))).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.items.length()").isEqualTo(2);
    }

    private int maxAgents(UUID tenantId) throws Exception {
        try (var connection = database.connectAsSuperuser();
                var sql = connection.prepareStatement("select max_agents from tenants where tenant_id = ?")) {
            sql.setObject(1, tenantId);
            try (var rows = sql.executeQuery()) {
                return rows.next() ? rows.getInt(1) : -1;
            }
        }
    }

    @Test
    void whenTheTenantIsDeactivatedThenItsAgentsAreRefusedAndShownDisabled() {
        RegisteredAgent agent = api.registerAgent(tenant, "soon-refused");
        String secret = api.registrationToken(tenant);
        api.heartbeat(agent.id(), agent.credential()).expectStatus().isAccepted();

        AgentApi.publishTenant(tenant, "deactivated", false, 10);

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                api.heartbeat(agent.id(), agent.credential()).expectStatus().isForbidden()
                        .expectBody().jsonPath("$.detail").isEqualTo("The agent's tenant is deactivated."));
        assertThat(api.agent(tenant, agent.id()).get("status").asString()).isEqualTo("disabled");
        api.register(secret, UUID.randomUUID(), "new", List.of()).expectStatus().isForbidden();

        AgentApi.publishTenant(tenant, "activated", true, 10);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                api.heartbeat(agent.id(), agent.credential()).expectStatus().isAccepted());
    }

    @Test
    void whenAnAgentCredentialIsUsedOnAnotherAgentOrOnTheUserApiThenItIsRefusedAndLearnsNothing() {
        RegisteredAgent mine = api.registerAgent(tenant, "mine");
        UUID otherTenant = UUID.randomUUID();
        RegisteredAgent theirs = api.registerAgent(otherTenant, "theirs");
        RegisteredAgent sibling = api.registerAgent(tenant, "sibling");

        api.heartbeat(theirs.id(), mine.credential()).expectStatus().isForbidden()
                .expectBody().jsonPath("$.detail").isEqualTo("This credential belongs to another agent.");
        api.heartbeat(sibling.id(), mine.credential()).expectStatus().isForbidden();
        client.get().uri("/api/v1/agents").headers(bearer(mine.credential())).exchange()
                .expectStatus().isForbidden();
        client.get().uri("/api/v1/agents/{id}", mine.id()).headers(bearer(mine.credential())).exchange()
                .expectStatus().isForbidden();
        client.post().uri("/api/v1/agent-tokens").headers(bearer(mine.credential()))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("description", "x")).exchange()
                .expectStatus().isForbidden();

        // a user of one tenant never sees another tenant's agent
        String body = client.get().uri("/api/v1/agents/{id}", theirs.id()).headers(bearer(user(tenant, "tenant_admin")))
                .exchange().expectStatus().isNotFound().expectBody(String.class).returnResult().getResponseBody();
        assertThat(body).doesNotContain("theirs").doesNotContain(otherTenant.toString());
        client.post().uri("/api/v1/agents/{id}/disable", theirs.id()).headers(bearer(user(tenant, "tenant_admin")))
                .exchange().expectStatus().isNotFound();
        client.delete().uri("/api/v1/agents/{id}", theirs.id()).headers(bearer(user(tenant, "tenant_admin")))
                .exchange().expectStatus().isNotFound();
        client.get().uri("/api/v1/agents").headers(bearer(user(tenant, "member"))).exchange()
                .expectStatus().isOk().expectBody()
                .jsonPath("$.items[*].name").value(names -> assertThat(names.toString()).doesNotContain("theirs"));
        api.heartbeat(theirs.id(), theirs.credential()).expectStatus().isAccepted();
    }

    @Test
    void whenAgentsAreListedThenFiltersAndCursorsWork() {
        String secret = api.registrationToken(tenant);
        for (int i = 0; i < 5; i++) {
            api.register(secret, UUID.randomUUID(), "pool-" + i, i % 2 == 0 ? List.of("gpu") : List.of("cpu"))
                    .expectStatus().isCreated();
        }
        String admin = user(tenant, "tenant_admin");
        JsonNode page = list(admin, "/api/v1/agents?limit=2");
        assertThat(page.get("items")).hasSize(2);
        JsonNode next = list(admin, "/api/v1/agents?limit=2&cursor=" + page.get("next_cursor").asString());
        assertThat(next.get("items")).hasSize(2);
        assertThat(next.get("items").get(0).get("id")).isNotEqualTo(page.get("items").get(0).get("id"));

        assertThat(list(admin, "/api/v1/agents?label=gpu").get("items")).hasSize(3);
        assertThat(list(admin, "/api/v1/agents?q=POOL-3").get("items")).hasSize(1);
        assertThat(list(admin, "/api/v1/agents?status=never_connected").get("items")).hasSize(5);
        assertThat(list(admin, "/api/v1/agents?status=online").get("items")).isEmpty();

        UUID id = UUID.fromString(list(admin, "/api/v1/agents?q=pool-1").get("items").get(0).get("id").asString());
        client.post().uri("/api/v1/agents/{id}/disable", id).headers(bearer(admin)).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("disabled");
        assertThat(list(admin, "/api/v1/agents?status=disabled").get("items")).hasSize(1);
        client.get().uri("/api/v1/agents?status=sleepy").headers(bearer(admin)).exchange()
                .expectStatus().isBadRequest().expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void whenAnAdminUpdatesDisablesStopsAndDeletesAnAgentThenTheAgentIsToldAndEventsFollow() {
        RegisteredAgent agent = api.registerAgent(tenant, "managed");
        String admin = user(tenant, "tenant_admin");

        client.patch().uri("/api/v1/agents/{id}", agent.id()).headers(bearer(admin))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("name", "renamed", "labels", List.of("arm64"), "location", "eu-west")).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.name").isEqualTo("renamed")
                .jsonPath("$.labels[0]").isEqualTo("arm64").jsonPath("$.location").isEqualTo("eu-west");
        client.patch().uri("/api/v1/agents/{id}", agent.id()).headers(bearer(user(tenant, "member")))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("name", "nope")).exchange()
                .expectStatus().isForbidden();
        client.patch().uri("/api/v1/agents/{id}", agent.id()).headers(bearer(admin))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("labels", List.of("bad label!"))).exchange()
                .expectStatus().isBadRequest();

        client.post().uri("/api/v1/agents/{id}/disable", agent.id()).headers(bearer(admin)).exchange()
                .expectStatus().isOk();
        api.heartbeat(agent.id(), agent.credential()).expectStatus().isAccepted().expectBody()
                .jsonPath("$.actions[0]").isEqualTo("pause");
        client.post().uri("/api/v1/agents/{id}/enable", agent.id()).headers(bearer(admin)).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.disabled").isEqualTo(false);
        client.post().uri("/api/v1/agents/{id}/stop", agent.id()).headers(bearer(admin)).exchange()
                .expectStatus().isAccepted();
        api.heartbeat(agent.id(), agent.credential()).expectStatus().isAccepted().expectBody()
                .jsonPath("$.actions[0]").isEqualTo("stop");

        client.delete().uri("/api/v1/agents/{id}", agent.id()).headers(bearer(admin)).exchange()
                .expectStatus().isNoContent();
        api.heartbeat(agent.id(), agent.credential()).expectStatus().isUnauthorized();
        client.get().uri("/api/v1/agents/{id}", agent.id()).headers(bearer(admin)).exchange()
                .expectStatus().isNotFound();

        for (String type : List.of(AgentEvents.UPDATED, AgentEvents.DISABLED, AgentEvents.ENABLED,
                AgentEvents.DELETED)) {
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(events.ofType(type).stream()
                    .filter(r -> new String(r.headers().lastHeader("ce_subject").value())
                            .equals(agent.id().toString()))).as(type).hasSize(1));
            events.ofType(type).forEach(r -> assertThat(EventSchemas.validate(type, r.value())).as(type).isEmpty());
        }
    }

    @Test
    void whenRegistrationOrHeartbeatInputIsBadThenAProblemAnswersAndNothingChanges() {
        String secret = api.registrationToken(tenant);
        client.post().uri("/api/v1/agents/register").header("Authorization", "Token " + secret)
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("name", "no-uuid")).exchange()
                .expectStatus().isBadRequest().expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        client.post().uri("/api/v1/agents/register")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("uuid", UUID.randomUUID().toString(), "name", "no-token")).exchange()
                .expectStatus().isUnauthorized();
        RegisteredAgent agent = api.registerAgent(tenant, "measured");
        client.post().uri("/api/v1/agents/{id}/heartbeat", agent.id()).headers(bearer(agent.credential()))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("cpu_percent", 140)).exchange()
                .expectStatus().isBadRequest().expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        client.get().uri("/api/v1/agents").headers(bearer(user(tenant, "viewer"))).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.items.length()").isEqualTo(1);
    }

    private JsonNode list(String token, String uri) {
        return client.get().uri(uri).headers(bearer(token)).exchange().expectStatus().isOk()
                .expectBody(JsonNode.class).returnResult().getResponseBody();
    }
}
