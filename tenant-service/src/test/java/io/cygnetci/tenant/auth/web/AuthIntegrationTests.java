package io.cygnetci.tenant.auth.web;

import java.util.Map;
import java.util.UUID;

import io.cygnetci.platform.test.jwt.TestKeys;
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
class AuthIntegrationTests {

    @Autowired
    WebTestClient client;

    TestApi api;

    @BeforeEach
    void setUp() {
        api = new TestApi(client);
    }

    @Test
    void whenUserLogsInThenTokenIsScopedToTheDefaultTenantWithTheirRole() throws Exception {
        UUID tenant = api.createTenantId("login");
        TestApi.Member member = api.member(tenant, "member");
        JsonNode token = client.post().uri("/api/v1/auth/token").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("email", member.email(), "password", TestApi.PASSWORD)).exchange()
                .expectStatus().isOk()
                .expectHeader().cacheControl(org.springframework.http.CacheControl.noStore())
                .expectBody(JsonNode.class).returnResult().getResponseBody();
        assertThat(token.get("token_type").asString()).isEqualTo("Bearer");
        assertThat(token.get("tenant_id").asString()).isEqualTo(tenant.toString());
        assertThat(token.get("expires_in").asLong()).isBetween(3500L, 3600L);
        var claims = com.nimbusds.jwt.SignedJWT.parse(token.get("access_token").asString());
        assertThat(claims.getHeader().getAlgorithm().getName()).isEqualTo("RS256");
        assertThat(claims.getJWTClaimsSet().getStringClaim("tid")).isEqualTo(tenant.toString());
        assertThat(claims.getJWTClaimsSet().getSubject()).isEqualTo(member.userId().toString());
        assertThat(claims.getJWTClaimsSet().getStringListClaim("roles")).containsExactly("member");
        assertThat(claims.getJWTClaimsSet().getIssuer()).isEqualTo(TestApi.ISSUER);
    }

    @Test
    void whenPasswordIsWrongThenUnauthorizedAndAfterRepeatedFailuresThrottled() {
        UUID tenant = api.createTenantId("thr");
        TestApi.Member member = api.member(tenant, "member");
        for (int i = 0; i < 3; i++) {
            client.post().uri("/api/v1/auth/token").contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(Map.of("email", member.email(), "password", "wrong-password")).exchange()
                    .expectStatus().isUnauthorized()
                    .expectBody().jsonPath("$.detail").isEqualTo("Invalid email or password.");
        }
        client.post().uri("/api/v1/auth/token").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("email", member.email(), "password", TestApi.PASSWORD)).exchange()
                .expectStatus().isEqualTo(429)
                .expectHeader().exists("Retry-After")
                .expectBody().jsonPath("$.type").isEqualTo("https://cygnetci.io/problems/too-many-requests");
        client.post().uri("/api/v1/auth/token").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("email", "nobody@example.test", "password", "whatever-pass")).exchange()
                .expectStatus().isUnauthorized()
                .expectBody().jsonPath("$.detail").isEqualTo("Invalid email or password.");
    }

    @Test
    void whenUserSwitchesTenantThenNewTokenIsForTheOtherTenantAndTheSwitchIsAudited() {
        UUID a = api.createTenantId("swa");
        UUID b = api.createTenantId("swb");
        String email = TestApi.unique("sw") + "@example.test";
        UUID user = api.createUser(email);
        api.addMember(a, user, "tenant_admin");
        api.addMember(b, user, "tenant_admin");
        String tokenA = api.login(email, TestApi.PASSWORD, a.toString());

        JsonNode switched = client.post().uri("/api/v1/tenants/{id}/switch", b).headers(bearer(tokenA)).exchange()
                .expectStatus().isOk().expectBody(JsonNode.class).returnResult().getResponseBody();
        assertThat(switched.get("tenant_id").asString()).isEqualTo(b.toString());
        String tokenB = switched.get("access_token").asString();
        client.get().uri("/api/v1/tenants/current").headers(bearer(tokenB)).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.id").isEqualTo(b.toString());
        client.get().uri("/api/v1/audit-events?action=tenant.switched").headers(bearer(tokenB)).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.items[0].actor_id").isEqualTo(user.toString());
        client.post().uri("/api/v1/tenants/{id}/switch", api.createTenantId("swc")).headers(bearer(tokenA)).exchange()
                .expectStatus().isNotFound();
        // login by slug picks that tenant
        String slugB = client.get().uri("/api/v1/tenants/current").headers(bearer(tokenB)).exchange()
                .expectBody(JsonNode.class).returnResult().getResponseBody().get("slug").asString();
        client.post().uri("/api/v1/auth/token").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("email", email, "password", TestApi.PASSWORD, "tenant", slugB)).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.tenant_id").isEqualTo(b.toString());
    }

    @Test
    void whenTenantIsDeactivatedThenNoTokensNoSwitchAndExistingTokensAreRefused() {
        UUID tenant = api.createTenantId("deact");
        UUID other = api.createTenantId("deact-other");
        TestApi.Member member = api.member(tenant, "member");
        api.addMember(other, member.userId(), "member");
        String otherToken = api.login(member.email(), TestApi.PASSWORD, other.toString());
        client.post().uri("/api/v1/tenants/{id}/deactivate", tenant).headers(bearer(api.adminToken())).exchange()
                .expectStatus().isOk();

        client.get().uri("/api/v1/tenants/current").headers(bearer(member.token())).exchange()
                .expectStatus().isForbidden().expectBody().jsonPath("$.detail").isEqualTo("The tenant is deactivated.");
        client.post().uri("/api/v1/auth/token").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("email", member.email(), "password", TestApi.PASSWORD, "tenant", tenant.toString()))
                .exchange().expectStatus().isForbidden();
        client.post().uri("/api/v1/tenants/{id}/switch", tenant).headers(bearer(otherToken)).exchange()
                .expectStatus().isForbidden();
        // without naming a tenant, login skips the deactivated default for an active membership
        client.post().uri("/api/v1/auth/token").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("email", member.email(), "password", TestApi.PASSWORD)).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.tenant_id").isEqualTo(other.toString());

        client.post().uri("/api/v1/tenants/{id}/activate", tenant).headers(bearer(api.adminToken())).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.active").isEqualTo(true);
        client.get().uri("/api/v1/tenants/current").headers(bearer(member.token())).exchange().expectStatus().isOk();
    }

    @Test
    void whenTokenIsExpiredForgedUnsignedOrFromAnotherIssuerThenUnauthorized() {
        UUID tenant = api.createTenantId("tok");
        TestApi.Member member = api.member(tenant, "member");
        var base = TestApi.jwts().user(member.userId()).tenant(tenant).roles("member");
        client.get().uri("/api/v1/tenants/current").headers(bearer(base.sign())).exchange().expectStatus().isOk();

        for (String bad : new String[] {
                TestApi.jwts().user(member.userId()).tenant(tenant).roles("member").expired().sign(),
                TestApi.jwts().user(member.userId()).tenant(tenant).roles("member").signedWithUntrustedKey().sign(),
                TestApi.jwts().user(member.userId()).tenant(tenant).roles("member").unsigned(),
                TestApi.jwts().user(member.userId()).tenant(tenant).roles("member").issuer("https://evil.test").sign(),
                "not-a-jwt" }) {
            client.get().uri("/api/v1/tenants/current").headers(bearer(bad)).exchange()
                    .expectStatus().isUnauthorized()
                    .expectHeader().valueEquals("WWW-Authenticate", "Bearer")
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        }
    }

    @Test
    void whenFetchingJwksThenItHoldsOnlyThePublicSigningKey() {
        client.get().uri("/.well-known/jwks.json").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.keys[0].kid").isEqualTo(TestKeys.KEY_ID)
                .jsonPath("$.keys[0].kty").isEqualTo("RSA")
                .jsonPath("$.keys[0].n").exists()
                .jsonPath("$.keys[0].d").doesNotExist()
                .jsonPath("$.keys[0].p").doesNotExist();
    }

    @Test
    void whenLoginNamesATenantTheUserIsNotInThenNotFound() {
        UUID mine = api.createTenantId("mine");
        TestApi.Member member = api.member(mine, "member");
        UUID foreign = api.createTenantId("foreign");
        client.post().uri("/api/v1/auth/token").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("email", member.email(), "password", TestApi.PASSWORD, "tenant", foreign.toString()))
                .exchange().expectStatus().isNotFound()
                .expectBody().jsonPath("$.detail").isEqualTo("No such tenant.");
    }

    @Test
    void whenMemberReadsTheAuditLogThenForbiddenAndAdminSeesTheTenantsActions() {
        UUID tenant = api.createTenantId("audit");
        TestApi.Member admin = api.member(tenant, "tenant_admin");
        TestApi.Member member = api.member(tenant, "member");
        client.get().uri("/api/v1/audit-events").headers(bearer(member.token())).exchange()
                .expectStatus().isForbidden();
        client.get().uri("/api/v1/audit-events?action=member.added&limit=1").headers(bearer(admin.token())).exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.items.length()").isEqualTo(1)
                .jsonPath("$.items[0].action").isEqualTo("member.added")
                .jsonPath("$.items[0].actor_email").isEqualTo(TestApi.ADMIN_EMAIL)
                .jsonPath("$.items[0].client_address").exists()
                .jsonPath("$.next_cursor").exists();
    }

    @Test
    void whenLoginBodyIsIncompleteThenBadRequest() {
        client.post().uri("/api/v1/auth/token").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("email", "a@b.test")).exchange()
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("password");
    }
}
