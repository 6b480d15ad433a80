package io.cygnetci.release.environment.web;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.cygnetci.platform.test.jwt.TestUser;
import io.cygnetci.release.support.ReleaseServiceTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.http.MediaType;

import static io.cygnetci.release.support.ReleaseApi.body;
import static io.cygnetci.release.support.ReleaseApi.user;
import static org.assertj.core.api.Assertions.assertThat;

/** Environments: the defaults of a new tenant, ordering, approvals, freezes, who may change them, isolation. */
class EnvironmentIntegrationTests extends ReleaseServiceTest {

    @Test
    void whenATenantIsCreatedThenItHasDevQaStagingAndProductionWithOneApprovalForProduction() {
        UUID tenant = api.tenant();
        JsonNode items = api.environments(user(tenant, "viewer")).get("items");

        assertThat(names(items)).containsExactly("Dev", "QA", "Staging", "Production");
        assertThat(items.get(0).get("position").asInt()).isEqualTo(1);
        assertThat(items.get(3).get("required_approvals").asInt()).isEqualTo(1);
        assertThat(items.get(2).get("required_approvals").asInt()).isZero();
        assertThat(items.get(3).get("frozen").asBoolean()).isFalse();
    }

    @Test
    void whenATenantsFirstSignIsARequestThenItGetsTheDefaultsToo() {
        UUID readFirst = UUID.randomUUID();
        assertThat(names(api.environments(user(readFirst, "viewer")).get("items")))
                .containsExactly("Dev", "QA", "Staging", "Production");

        UUID writeFirst = UUID.randomUUID();
        client.post().uri("/api/v1/environments").headers(user(writeFirst, "tenant_admin").auth())
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("name", "Sandbox")).exchange()
                .expectStatus().isCreated().expectBody().jsonPath("$.position").isEqualTo(5);
        assertThat(names(api.environments(user(writeFirst, "viewer")).get("items")))
                .containsExactly("Dev", "QA", "Staging", "Production", "Sandbox");
    }

    @Test
    void whenAnAdminInsertsAndMovesEnvironmentsThenTheOrderFollowsAndPositionsStayDense() {
        UUID tenant = api.tenant();
        TestUser admin = user(tenant, "tenant_admin");
        JsonNode created = body(client.post().uri("/api/v1/environments").headers(admin.auth())
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("name", "Perf", "position", 3, "required_approvals", 2)).exchange()
                .expectStatus().isCreated());
        assertThat(created.get("position").asInt()).isEqualTo(3);
        assertThat(names(api.environments(admin).get("items")))
                .containsExactly("Dev", "QA", "Perf", "Staging", "Production");

        UUID perf = UUID.fromString(created.get("id").asString());
        client.put().uri("/api/v1/environments/{id}", perf).headers(admin.auth())
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("name", "Performance", "position", 1, "required_approvals", 0)).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.position").isEqualTo(1);
        assertThat(names(api.environments(admin).get("items")))
                .containsExactly("Performance", "Dev", "QA", "Staging", "Production");

        client.delete().uri("/api/v1/environments/{id}", perf).headers(admin.auth()).exchange()
                .expectStatus().isNoContent();
        JsonNode after = api.environments(admin).get("items");
        assertThat(names(after)).containsExactly("Dev", "QA", "Staging", "Production");
        assertThat(after.get(0).get("position").asInt()).isEqualTo(1);
        assertThat(after.get(3).get("position").asInt()).isEqualTo(4);
    }

    @Test
    void whenTheInputIsWrongOrTheCallerIsNoAdminThenNothingChanges() {
        UUID tenant = api.tenant();
        TestUser admin = user(tenant, "tenant_admin");
        client.post().uri("/api/v1/environments").headers(user(tenant, "member").auth())
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("name", "Sandbox")).exchange()
                .expectStatus().isForbidden();
        client.post().uri("/api/v1/environments").headers(admin.auth()).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("name", "qa")).exchange()
                .expectStatus().isEqualTo(409).expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo("https://cygnetci.io/problems/name-taken");
        client.post().uri("/api/v1/environments").headers(admin.auth()).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("name", " ", "position", 9, "required_approvals", 11)).exchange()
                .expectStatus().isBadRequest().expectBody()
                .jsonPath("$.errors[*].field").value(fields -> assertThat(fields.toString())
                        .contains("name").contains("required_approvals"));
        client.post().uri("/api/v1/environments").headers(admin.auth()).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("name", "Far", "position", 9)).exchange()
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("position");

        assertThat(names(api.environments(admin).get("items"))).containsExactly("Dev", "QA", "Staging", "Production");
    }

    @Test
    void whenAnEnvironmentIsFrozenThenItSaysSoUntilTheWindowEndsOrIsLifted() {
        UUID tenant = api.tenant();
        TestUser admin = user(tenant, "tenant_admin");
        UUID production = api.environmentIds(admin).get("Production");
        Instant until = clock.instant().plus(2, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);

        client.put().uri("/api/v1/environments/{id}/freeze", production).headers(admin.auth())
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("until", until.toString(), "reason", "Black Friday")).exchange()
                .expectStatus().isOk().expectBody()
                .jsonPath("$.frozen").isEqualTo(true)
                .jsonPath("$.freeze.reason").isEqualTo("Black Friday");
        client.put().uri("/api/v1/environments/{id}/freeze", production).headers(admin.auth())
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("until", "2001-01-01T00:00:00Z", "reason", "past")).exchange()
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("until");
        client.put().uri("/api/v1/environments/{id}/freeze", production).headers(admin.auth())
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("until", until.toString())).exchange()
                .expectStatus().isBadRequest();

        client.delete().uri("/api/v1/environments/{id}/freeze", production).headers(admin.auth()).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.frozen").isEqualTo(false)
                .jsonPath("$.freeze").doesNotExist();
    }

    @Test
    void whenAnotherTenantsEnvironmentIsNamedThenItIsNotFound() {
        UUID mine = api.tenant();
        UUID theirs = api.tenant();
        UUID theirProduction = api.environmentIds(user(theirs, "viewer")).get("Production");
        TestUser admin = user(mine, "tenant_admin");

        String body = client.get().uri("/api/v1/environments/{id}", theirProduction).headers(admin.auth())
                .exchange().expectStatus().isNotFound().expectBody(String.class).returnResult().getResponseBody();
        assertThat(body).doesNotContain(theirs.toString()).doesNotContain("Production");
        client.put().uri("/api/v1/environments/{id}", theirProduction).headers(admin.auth())
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("name", "Mine now")).exchange()
                .expectStatus().isNotFound();
        client.delete().uri("/api/v1/environments/{id}", theirProduction).headers(admin.auth()).exchange()
                .expectStatus().isNotFound();
        client.put().uri("/api/v1/environments/{id}/freeze", theirProduction).headers(admin.auth())
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("until", clock.instant().plusSeconds(600).toString(), "reason", "x")).exchange()
                .expectStatus().isNotFound();
        assertThat(names(api.environments(user(theirs, "viewer")).get("items")))
                .containsExactly("Dev", "QA", "Staging", "Production");
    }

    static List<String> names(JsonNode items) {
        List<String> names = new ArrayList<>();
        items.forEach(e -> names.add(e.get("name").asString()));
        return names;
    }
}
