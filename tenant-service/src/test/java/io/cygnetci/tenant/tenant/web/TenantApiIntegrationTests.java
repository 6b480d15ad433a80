package io.cygnetci.tenant.tenant.web;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

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

@TenantServiceIntegrationTest
class TenantApiIntegrationTests {

    @Autowired
    WebTestClient client;

    TestApi api;

    @BeforeEach
    void setUp() {
        api = new TestApi(client);
    }

    @Test
    void whenPlatformAdminCreatesTenantThenItIsReturnedWithDefaultsAndLocation() {
        String slug = TestApi.unique("acme");
        client.post().uri("/api/v1/tenants").headers(bearer(api.adminToken()))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("slug", slug, "display_name", "Acme Corporation", "contact_email", "ops@acme.test",
                        "logo_url", "https://acme.test/logo.png", "settings", Map.of("theme", "dark"),
                        "max_users", 3))
                .exchange()
                .expectStatus().isCreated()
                .expectHeader().valueMatches("Location", "/api/v1/tenants/[0-9a-f-]{36}")
                .expectBody()
                .jsonPath("$.slug").isEqualTo(slug)
                .jsonPath("$.display_name").isEqualTo("Acme Corporation")
                .jsonPath("$.settings.theme").isEqualTo("dark")
                .jsonPath("$.max_users").isEqualTo(3)
                .jsonPath("$.requests_per_minute").isEqualTo(1000)
                .jsonPath("$.deployments_per_hour").isEqualTo(100)
                .jsonPath("$.executions_per_hour").isEqualTo(50)
                .jsonPath("$.active").isEqualTo(true)
                .jsonPath("$.created_at").exists()
                .jsonPath("$.created_by").exists();
    }

    @Test
    void whenSlugIsTakenThenConflict() {
        String slug = TestApi.unique("dup");
        api.createTenant(slug);
        client.post().uri("/api/v1/tenants").headers(bearer(api.adminToken()))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("slug", slug, "display_name", "Again"))
                .exchange()
                .expectStatus().isEqualTo(409)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo("https://cygnetci.io/problems/slug-taken");
    }

    @Test
    void whenBodyIsInvalidThenBadRequestNamesEveryFieldAndNothingIsCreated() {
        client.post().uri("/api/v1/tenants").headers(bearer(api.adminToken()))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("slug", "Not A Label", "display_name", "x".repeat(201), "contact_email", "nope",
                        "logo_url", "ftp://x", "max_users", 0))
                .exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.status").isEqualTo(400)
                .jsonPath("$.errors[?(@.field == 'slug')]").exists()
                .jsonPath("$.errors[?(@.field == 'display_name')]").exists()
                .jsonPath("$.errors[?(@.field == 'contact_email')]").exists()
                .jsonPath("$.errors[?(@.field == 'logo_url')]").exists()
                .jsonPath("$.errors[?(@.field == 'max_users')]").exists();
        client.get().uri("/api/v1/tenants?q=not a label").headers(bearer(api.adminToken())).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.items.length()").isEqualTo(0);
    }

    @Test
    void whenBodyIsMalformedOrMistypedOrHasUnknownFieldsThenBadRequest() {
        client.post().uri("/api/v1/tenants").headers(bearer(api.adminToken()))
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"slug\": \"x\"")
                .exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.detail").isEqualTo("The request body is not valid JSON.");
        client.post().uri("/api/v1/tenants").headers(bearer(api.adminToken()))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"slug\": \"typed\", \"display_name\": \"T\", \"max_users\": \"many\"}")
                .exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("max_users");
        client.post().uri("/api/v1/tenants").headers(bearer(api.adminToken()))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"slug\": \"unknown\", \"display_name\": \"T\", \"colour\": \"red\"}")
                .exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("colour");
        client.post().uri("/api/v1/tenants").headers(bearer(api.adminToken()))
                .contentType(MediaType.TEXT_PLAIN).bodyValue("slug=x")
                .exchange().expectStatus().isEqualTo(415);
    }

    @Test
    void whenBodyIsLargerThanTheLimitThenPayloadTooLargeAndNothingIsCreated() {
        String slug = TestApi.unique("big");
        String body = "{\"slug\":\"" + slug + "\",\"display_name\":\"Big\",\"description\":\""
                + "x".repeat(1_200_000) + "\"}";
        client.post().uri("/api/v1/tenants").headers(bearer(api.adminToken()))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body)
                .exchange().expectStatus().isEqualTo(413)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo("https://cygnetci.io/problems/payload-too-large");
        client.get().uri("/api/v1/tenants?q={q}", slug).headers(bearer(api.adminToken())).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.items.length()").isEqualTo(0);
    }

    @Test
    void whenSlugIsReservedThenBadRequest() {
        client.post().uri("/api/v1/tenants").headers(bearer(api.adminToken()))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("slug", "www", "display_name", "W"))
                .exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("slug");
    }

    @Test
    void whenNoTokenThenUnauthorizedProblem() {
        client.get().uri("/api/v1/tenants").exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.status").isEqualTo(401);
    }

    @Test
    void whenMemberCreatesTenantThenForbidden() {
        UUID tenant = api.createTenantId("own");
        TestApi.Member admin = api.member(tenant, "tenant_admin");
        client.post().uri("/api/v1/tenants").headers(bearer(admin.token()))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("slug", TestApi.unique("x"), "display_name", "X"))
                .exchange().expectStatus().isForbidden();
    }

    @Test
    void whenListingThenCursorPagesCoverEveryTenantOnceAndFiltersApply() {
        String prefix = TestApi.unique("page");
        for (int i = 0; i < 5; i++) {
            api.createTenant(prefix + "-" + i);
        }
        Set<String> seen = new HashSet<>();
        String cursor = null;
        int pages = 0;
        do {
            String uri = "/api/v1/tenants?limit=2&q=" + prefix + (cursor == null ? "" : "&cursor=" + cursor);
            JsonNode page = client.get().uri(uri).headers(bearer(api.adminToken()))
                    .exchange().expectStatus().isOk().expectBody(JsonNode.class).returnResult().getResponseBody();
            pages++;
            page.get("items").forEach(t -> assertThat(seen.add(t.get("slug").asString())).isTrue());
            cursor = page.has("next_cursor") ? page.get("next_cursor").asString() : null;
        } while (cursor != null && pages < 10);
        assertThat(seen).hasSize(5);
        assertThat(pages).isEqualTo(3);
    }

    @Test
    void whenFilteringByActiveThenOnlyMatchingTenantsAreListed() {
        String prefix = TestApi.unique("flt");
        api.createTenant(prefix + "-on");
        UUID off = UUID.fromString(api.createTenant(prefix + "-off").get("id").asString());
        client.post().uri("/api/v1/tenants/{id}/deactivate", off).headers(bearer(api.adminToken())).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.active").isEqualTo(false);
        client.get().uri("/api/v1/tenants?q={q}&active=false", prefix).headers(bearer(api.adminToken())).exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.items.length()").isEqualTo(1)
                .jsonPath("$.items[0].slug").isEqualTo(prefix + "-off");
        client.get().uri("/api/v1/tenants?limit=0").headers(bearer(api.adminToken())).exchange()
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("limit");
        client.get().uri("/api/v1/tenants?cursor=garbage!").headers(bearer(api.adminToken())).exchange()
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("cursor");
    }

    @Test
    void whenTenantAdminUpdatesSettingsThenChangedButPlanLimitsAreForbidden() {
        UUID tenant = api.createTenantId("upd");
        TestApi.Member admin = api.member(tenant, "tenant_admin");
        client.patch().uri("/api/v1/tenants/{id}", tenant).headers(bearer(admin.token()))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("display_name", "Renamed", "settings", Map.of("timezone", "UTC"), "description", ""))
                .exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.display_name").isEqualTo("Renamed")
                .jsonPath("$.settings.timezone").isEqualTo("UTC");
        client.patch().uri("/api/v1/tenants/{id}", tenant).headers(bearer(admin.token()))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("max_users", 500))
                .exchange().expectStatus().isForbidden();
        client.patch().uri("/api/v1/tenants/{id}", tenant).headers(bearer(api.adminToken()))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("max_users", 500))
                .exchange().expectStatus().isOk().expectBody().jsonPath("$.max_users").isEqualTo(500);
    }

    @Test
    void whenViewerUpdatesThenForbiddenAndNothingChanges() {
        UUID tenant = api.createTenantId("view");
        TestApi.Member viewer = api.member(tenant, "viewer");
        client.patch().uri("/api/v1/tenants/{id}", tenant).headers(bearer(viewer.token()))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("display_name", "Hijacked"))
                .exchange().expectStatus().isForbidden();
        client.get().uri("/api/v1/tenants/{id}", tenant).headers(bearer(viewer.token())).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.display_name").value(name ->
                        assertThat((String) name).startsWith("Tenant "));
        client.get().uri("/api/v1/tenants/current").headers(bearer(viewer.token())).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.id").isEqualTo(tenant.toString());
    }

    @Test
    void whenTenantHasMembersThenDeleteConflictsAndOnceEmptyItIsDeleted() {
        UUID tenant = api.createTenantId("del");
        TestApi.Member admin = api.member(tenant, "tenant_admin");
        TestApi.Member member = api.member(tenant, "member");
        client.delete().uri("/api/v1/tenants/{id}", tenant).headers(bearer(api.adminToken())).exchange()
                .expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.type").isEqualTo("https://cygnetci.io/problems/tenant-has-members");
        // the last tenant_admin stays while others remain
        client.delete().uri("/api/v1/tenants/{id}/members/{user}", tenant, admin.userId())
                .headers(bearer(admin.token())).exchange().expectStatus().isEqualTo(409);
        client.patch().uri("/api/v1/tenants/{id}/members/{user}", tenant, admin.userId())
                .headers(bearer(admin.token())).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("role", "member")).exchange().expectStatus().isEqualTo(409);
        client.delete().uri("/api/v1/tenants/{id}/members/{user}", tenant, member.userId())
                .headers(bearer(admin.token())).exchange().expectStatus().isNoContent();
        client.delete().uri("/api/v1/tenants/{id}/members/{user}", tenant, admin.userId())
                .headers(bearer(api.adminToken())).exchange().expectStatus().isNoContent();
        client.delete().uri("/api/v1/tenants/{id}", tenant).headers(bearer(api.adminToken())).exchange()
                .expectStatus().isNoContent();
        client.get().uri("/api/v1/tenants/{id}", tenant).headers(bearer(api.adminToken())).exchange()
                .expectStatus().isNotFound();
    }

    @Test
    void whenUnknownTenantThenNotFoundWithoutDetail() {
        client.get().uri("/api/v1/tenants/{id}", UUID.randomUUID()).headers(bearer(api.adminToken())).exchange()
                .expectStatus().isNotFound()
                .expectBody().jsonPath("$.detail").isEqualTo("No such tenant.");
        client.get().uri("/api/v1/tenants/not-a-uuid").headers(bearer(api.adminToken())).exchange()
                .expectStatus().isBadRequest();
    }
}
