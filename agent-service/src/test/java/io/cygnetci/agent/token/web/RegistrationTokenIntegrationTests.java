package io.cygnetci.agent.token.web;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.cygnetci.agent.support.AgentApi;
import io.cygnetci.agent.support.AgentServiceIntegrationTest;
import io.cygnetci.platform.test.postgres.TestDatabase;
import io.cygnetci.platform.test.time.MutableClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static io.cygnetci.agent.support.AgentApi.bearer;
import static io.cygnetci.agent.support.AgentApi.user;
import static org.assertj.core.api.Assertions.assertThat;

/** Registration tokens: shown once, stored hashed, listed without secrets, useless once revoked or expired. */
@AgentServiceIntegrationTest
class RegistrationTokenIntegrationTests {

    @Autowired
    WebTestClient client;

    @Autowired
    MutableClock clock;

    @Autowired
    TestDatabase database;

    AgentApi api;
    UUID tenant;

    @BeforeEach
    void setUp() {
        api = new AgentApi(client);
        tenant = UUID.randomUUID();
    }

    @Test
    void whenATenantAdminCreatesATokenThenItsSecretIsShownOnceAndOnlyItsHashIsStored() throws Exception {
        JsonNode created = api.createToken(tenant, Map.of("description", "build hosts"));
        String secret = created.get("token").asString();
        assertThat(secret).startsWith("cygreg_").hasSizeGreaterThan(40);
        assertThat(created.get("status").asString()).isEqualTo("active");
        assertThat(secret).startsWith(created.get("token_prefix").asString());

        JsonNode listed = client.get().uri("/api/v1/agent-tokens").headers(bearer(user(tenant, "tenant_admin")))
                .exchange().expectStatus().isOk().expectBody(JsonNode.class).returnResult().getResponseBody();
        assertThat(listed.get("items")).hasSize(1);
        assertThat(listed.get("items").get(0).has("token")).isFalse();
        assertThat(listed.toString()).doesNotContain(secret);

        try (var connection = database.connectAsSuperuser();
                var sql = connection.prepareStatement("select token_hash, token_prefix from registration_tokens "
                        + "where id = ?")) {
            sql.setObject(1, UUID.fromString(created.get("id").asString()));
            var rows = sql.executeQuery();
            assertThat(rows.next()).isTrue();
            assertThat(rows.getBytes("token_hash")).isEqualTo(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(secret.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            assertThat(rows.getString("token_prefix")).isEqualTo(secret.substring(0, 13));
        }
    }

    @Test
    void whenAMemberOrAnotherTenantTouchesTokensThenTheyAreRefusedAndSeeNothing() {
        UUID id = UUID.fromString(api.createToken(tenant, Map.of("description", "mine")).get("id").asString());
        client.post().uri("/api/v1/agent-tokens").headers(bearer(user(tenant, "member")))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("description", "x")).exchange()
                .expectStatus().isForbidden()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        UUID other = UUID.randomUUID();
        client.get().uri("/api/v1/agent-tokens/{id}", id).headers(bearer(user(other, "tenant_admin"))).exchange()
                .expectStatus().isNotFound();
        client.delete().uri("/api/v1/agent-tokens/{id}", id).headers(bearer(user(other, "tenant_admin"))).exchange()
                .expectStatus().isNotFound();
        client.get().uri("/api/v1/agent-tokens").headers(bearer(user(other, "tenant_admin"))).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.items.length()").isEqualTo(0);
    }

    @Test
    void whenATokenIsRevokedThenItRegistersNothingButAgentsAlreadyRegisteredKeepWorking() {
        JsonNode created = api.createToken(tenant, Map.of("description", "revoke me"));
        String secret = created.get("token").asString();
        AgentApi.RegisteredAgent agent = AgentApi.registered(
                api.register(secret, UUID.randomUUID(), "before-revoke", List.of()).expectStatus().isCreated());

        client.delete().uri("/api/v1/agent-tokens/{id}", created.get("id").asString())
                .headers(bearer(user(tenant, "tenant_admin"))).exchange().expectStatus().isNoContent();

        api.register(secret, UUID.randomUUID(), "after-revoke", List.of()).expectStatus().isUnauthorized()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader().valueEquals("WWW-Authenticate", "Token")
                .expectBody().jsonPath("$.detail").isEqualTo("The registration token is unknown, expired or revoked.");
        api.heartbeat(agent.id(), agent.credential()).expectStatus().isAccepted();
        client.get().uri("/api/v1/agent-tokens/{id}", created.get("id").asString())
                .headers(bearer(user(tenant, "tenant_admin"))).exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.status").isEqualTo("revoked").jsonPath("$.registrations").isEqualTo(1);
    }

    @Test
    void whenATokenHasExpiredThenItRegistersNothing() {
        String secret = api.createToken(tenant, Map.of("description", "short-lived",
                "expires_at", clock.instant().plus(Duration.ofHours(1)).toString())).get("token").asString();
        api.register(secret, UUID.randomUUID(), "in-time", List.of()).expectStatus().isCreated();

        clock.advance(Duration.ofHours(2));
        try {
            api.register(secret, UUID.randomUUID(), "too-late", List.of()).expectStatus().isUnauthorized();
        }
        finally {
            clock.advance(Duration.ofHours(-2));
        }
    }

    @Test
    void whenTheInputIsBadThenProblemsAnswerAndNothingIsCreated() {
        client.post().uri("/api/v1/agent-tokens").headers(bearer(user(tenant, "tenant_admin")))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("description", "old", "expires_at", "2001-01-01T00:00:00Z")).exchange()
                .expectStatus().isBadRequest().expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("expires_at");
        client.post().uri("/api/v1/agent-tokens").headers(bearer(user(tenant, "tenant_admin")))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("description", " ")).exchange()
                .expectStatus().isBadRequest();
        api.register("cygreg_not-a-real-token", UUID.randomUUID(), "guess", List.of()).expectStatus().isUnauthorized();
        client.get().uri("/api/v1/agent-tokens").headers(bearer(user(tenant, "tenant_admin"))).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.items.length()").isEqualTo(0);
    }
}
