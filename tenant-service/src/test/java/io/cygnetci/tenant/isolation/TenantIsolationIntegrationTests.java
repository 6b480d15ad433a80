package io.cygnetci.tenant.isolation;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;

import io.cygnetci.platform.test.postgres.TestDatabase;
import io.cygnetci.tenant.support.TenantServiceIntegrationTest;
import io.cygnetci.tenant.support.TestApi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static io.cygnetci.tenant.support.TestApi.bearer;
import static org.assertj.core.api.Assertions.assertThat;

/** A member of tenant A reaches nothing of tenant B: not by id, not by header, not through lists, not in SQL. */
@TenantServiceIntegrationTest
class TenantIsolationIntegrationTests {

    @Autowired
    WebTestClient client;

    @Autowired
    TestDatabase database;

    TestApi api;
    UUID tenantA;
    UUID tenantB;
    String slugB;
    TestApi.Member adminA;
    TestApi.Member adminB;

    @BeforeEach
    void setUp() {
        api = new TestApi(client);
        tenantA = api.createTenantId("iso-a");
        slugB = TestApi.unique("iso-b");
        tenantB = UUID.fromString(api.createTenant(slugB).get("id").asString());
        adminA = api.member(tenantA, "tenant_admin");
        adminB = api.member(tenantB, "tenant_admin");
    }

    @Test
    void whenMemberOfAReadsOrChangesBByIdThenNotFoundWithoutBData() {
        String[] bodies = {
                get("/api/v1/tenants/" + tenantB, 404),
                get("/api/v1/tenants/" + tenantB + "/members", 404),
                get("/api/v1/tenants/" + tenantB + "/users/count", 404),
                get("/api/v1/users/" + adminB.userId(), 404),
                get("/api/v1/users/" + adminB.userId() + "/tenants", 404),
                send("PATCH", "/api/v1/tenants/" + tenantB, Map.of("settings", Map.of("owned", true)), 404),
                send("POST", "/api/v1/tenants/" + tenantB + "/members",
                        Map.of("user_id", adminA.userId().toString(), "role", "tenant_admin"), 404),
                send("PATCH", "/api/v1/tenants/" + tenantB + "/members/" + adminB.userId(), Map.of("role", "viewer"), 404),
                send("DELETE", "/api/v1/tenants/" + tenantB + "/members/" + adminB.userId(), null, 404),
                send("POST", "/api/v1/tenants/" + tenantB + "/switch", null, 404) };
        for (String body : bodies) {
            assertThat(body).doesNotContain(slugB).doesNotContain(adminB.email()).doesNotContain("Tenant " + slugB);
        }
        // B is unchanged
        client.get().uri("/api/v1/tenants/{id}/members", tenantB).headers(bearer(adminB.token())).exchange()
                .expectStatus().isOk().expectBody()
                .jsonPath("$.items.length()").isEqualTo(1)
                .jsonPath("$.items[0].role").isEqualTo("tenant_admin");
        client.get().uri("/api/v1/tenants/{id}", tenantB).headers(bearer(adminB.token())).exchange()
                .expectBody().jsonPath("$.settings.owned").doesNotExist();
    }

    @Test
    void whenMemberOfANamesBInTheTenantHeaderThenForbidden() {
        client.get().uri("/api/v1/audit-events").headers(bearer(adminA.token())).header("X-Tenant-ID", tenantB.toString())
                .exchange().expectStatus().isForbidden()
                .expectBody(String.class).value(body -> assertThat(body).doesNotContain(slugB));
        client.get().uri("/api/v1/tenants/current").headers(bearer(adminA.token())).header("X-Tenant-ID", tenantB.toString())
                .exchange().expectStatus().isForbidden();
        client.get().uri("/api/v1/tenants/current").headers(bearer(adminA.token())).header("X-Tenant-ID", "garbage")
                .exchange().expectStatus().isBadRequest();
    }

    @Test
    void whenMemberOfAListsThenOnlyAShowsEvenWithFilters() {
        client.get().uri("/api/v1/tenants?q={q}", slugB).headers(bearer(adminA.token())).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.items.length()").isEqualTo(0);
        JsonNode all = client.get().uri("/api/v1/tenants?limit=200").headers(bearer(adminA.token())).exchange()
                .expectStatus().isOk().expectBody(JsonNode.class).returnResult().getResponseBody();
        assertThat(all.get("items")).hasSize(1);
        assertThat(all.get("items").get(0).get("id").asString()).isEqualTo(tenantA.toString());
        JsonNode audit = client.get().uri("/api/v1/audit-events?limit=200").headers(bearer(adminA.token())).exchange()
                .expectStatus().isOk().expectBody(JsonNode.class).returnResult().getResponseBody();
        audit.get("items").forEach(e -> assertThat(e.get("tenant_id").asString()).isEqualTo(tenantA.toString()));
        assertThat(audit.toString()).doesNotContain(tenantB.toString()).doesNotContain(adminB.email());
    }

    @Test
    void whenUserBelongsToBothThenTheirTokenForAStillCannotReachB() {
        api.addMember(tenantB, adminA.userId(), "viewer");
        JsonNode listed = client.get().uri("/api/v1/tenants").headers(bearer(adminA.token())).exchange()
                .expectStatus().isOk().expectBody(JsonNode.class).returnResult().getResponseBody();
        assertThat(listed.get("items")).hasSize(1);
        assertThat(listed.toString()).doesNotContain(tenantB.toString()).doesNotContain(slugB);
        get("/api/v1/tenants/" + tenantB + "/members", 404);
        client.get().uri("/api/v1/audit-events").headers(bearer(adminA.token())).header("X-Tenant-ID", tenantB.toString())
                .exchange().expectStatus().isForbidden();
    }

    @Test
    void whenRuntimeRoleHasNoTenantContextThenTenantOwnedTablesShowNothing() throws Exception {
        try (Connection owner = database.connectAsSuperuser(); Statement sql = owner.createStatement()) {
            assertThat(count(sql, "memberships")).isGreaterThanOrEqualTo(2);
            assertThat(count(sql, "audit_events")).isGreaterThanOrEqualTo(2);
            assertThat(count(sql, "outbox")).isGreaterThanOrEqualTo(2);
        }
        try (Connection runtime = database.connectAsRuntimeRole(); Statement sql = runtime.createStatement()) {
            for (String table : new String[] {"tenants", "memberships", "audit_events", "outbox", "processed_events"}) {
                assertThat(count(sql, table)).as(table).isZero();
            }
            runtime.setAutoCommit(false);
            sql.execute("select set_config('app.tenant_id', '" + tenantA + "', true)");
            try (ResultSet rows = sql.executeQuery("select distinct tenant_id from memberships")) {
                while (rows.next()) {
                    assertThat(rows.getString(1)).isEqualTo(tenantA.toString());
                }
            }
            assertThat(count(sql, "tenants")).isEqualTo(1);
            runtime.rollback();
        }
    }

    @Test
    void whenInspectingTheRuntimeRoleThenItIsNeitherSuperuserNorOwner() throws Exception {
        try (Connection runtime = database.connectAsRuntimeRole(); Statement sql = runtime.createStatement();
                ResultSet role = sql.executeQuery("""
                        select rolsuper, rolbypassrls,
                               (select count(*) from pg_tables where tableowner = current_user) as owned
                        from pg_roles where rolname = current_user""")) {
            assertThat(role.next()).isTrue();
            assertThat(role.getBoolean("rolsuper")).isFalse();
            assertThat(role.getBoolean("rolbypassrls")).isFalse();
            assertThat(role.getLong("owned")).isZero();
        }
    }

    private static long count(Statement sql, String table) throws Exception {
        try (ResultSet rows = sql.executeQuery("select count(*) from " + table)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private String get(String uri, int status) {
        return client.get().uri(uri).headers(bearer(adminA.token())).exchange()
                .expectStatus().isEqualTo(status).expectBody(String.class).returnResult().getResponseBody();
    }

    private String send(String method, String uri, Object body, int status) {
        var spec = client.method(org.springframework.http.HttpMethod.valueOf(method)).uri(uri)
                .headers(bearer(adminA.token()));
        var exchange = body == null ? spec.exchange()
                : spec.contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
        return exchange.expectStatus().isEqualTo(status).expectBody(String.class).returnResult().getResponseBody();
    }
}
