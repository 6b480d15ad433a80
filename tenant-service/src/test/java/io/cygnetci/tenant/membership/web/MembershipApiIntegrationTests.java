package io.cygnetci.tenant.membership.web;

import java.util.Map;
import java.util.UUID;

import io.cygnetci.tenant.support.TenantServiceIntegrationTest;
import io.cygnetci.tenant.support.TestApi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static io.cygnetci.tenant.support.TestApi.bearer;

@TenantServiceIntegrationTest
class MembershipApiIntegrationTests {

    @Autowired
    WebTestClient client;

    TestApi api;

    @BeforeEach
    void setUp() {
        api = new TestApi(client);
    }

    @Test
    void whenTenantAdminAddsMembersByIdAndEmailThenTheyAreListedAndCounted() {
        UUID tenant = api.createTenantId("mem");
        TestApi.Member admin = api.member(tenant, "tenant_admin");
        UUID bob = api.createUser(TestApi.unique("bob") + "@example.test");
        String carolEmail = TestApi.unique("carol") + "@example.test";
        api.createUser(carolEmail);

        client.post().uri("/api/v1/tenants/{id}/members", tenant).headers(bearer(admin.token()))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("user_id", bob.toString(), "role", "member"))
                .exchange().expectStatus().isCreated()
                .expectBody().jsonPath("$.user_id").isEqualTo(bob.toString()).jsonPath("$.role").isEqualTo("member");
        client.post().uri("/api/v1/tenants/{id}/members", tenant).headers(bearer(admin.token()))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("email", carolEmail.toUpperCase(), "role", "viewer"))
                .exchange().expectStatus().isCreated().expectBody().jsonPath("$.email").isEqualTo(carolEmail);

        client.get().uri("/api/v1/tenants/{id}/members?role=viewer", tenant).headers(bearer(admin.token())).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.items.length()").isEqualTo(1)
                .jsonPath("$.items[0].email").isEqualTo(carolEmail);
        client.get().uri("/api/v1/tenants/{id}/members?q=bob", tenant).headers(bearer(admin.token())).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.items.length()").isEqualTo(1);
        client.get().uri("/api/v1/tenants/{id}/users/count", tenant).headers(bearer(admin.token())).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.count").isEqualTo(3).jsonPath("$.capacity").isEqualTo(50);
    }

    @Test
    void whenMemberIsAddedTwiceOrUnknownOrAmbiguousThenConflictNotFoundOrBadRequest() {
        UUID tenant = api.createTenantId("dupm");
        TestApi.Member admin = api.member(tenant, "tenant_admin");
        client.post().uri("/api/v1/tenants/{id}/members", tenant).headers(bearer(admin.token()))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("user_id", admin.userId().toString(), "role", "member"))
                .exchange().expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.type").isEqualTo("https://cygnetci.io/problems/already-member");
        client.post().uri("/api/v1/tenants/{id}/members", tenant).headers(bearer(admin.token()))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("user_id", UUID.randomUUID().toString(), "role", "member"))
                .exchange().expectStatus().isNotFound();
        client.post().uri("/api/v1/tenants/{id}/members", tenant).headers(bearer(admin.token()))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("role", "member"))
                .exchange().expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("user_id");
        client.post().uri("/api/v1/tenants/{id}/members", tenant).headers(bearer(admin.token()))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("user_id", admin.userId().toString(), "role", "owner"))
                .exchange().expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("role");
    }

    @Test
    void whenTenantIsFullThenAddingAnotherMemberConflicts() {
        UUID tenant = api.createTenantId("full");
        client.patch().uri("/api/v1/tenants/{id}", tenant).headers(bearer(api.adminToken()))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("max_users", 2)).exchange().expectStatus().isOk();
        TestApi.Member admin = api.member(tenant, "tenant_admin");
        api.member(tenant, "member");
        UUID third = api.createUser(TestApi.unique("third") + "@example.test");
        client.post().uri("/api/v1/tenants/{id}/members", tenant).headers(bearer(admin.token()))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("user_id", third.toString(), "role", "viewer"))
                .exchange().expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.type").isEqualTo("https://cygnetci.io/problems/user-limit-reached");
        client.get().uri("/api/v1/tenants/{id}/users/count", tenant).headers(bearer(admin.token())).exchange()
                .expectBody().jsonPath("$.count").isEqualTo(2).jsonPath("$.capacity").isEqualTo(2);
    }

    @Test
    void whenRoleIsChangedThenTheNewTokenCarriesItAndMembersCannotManageMembers() {
        UUID tenant = api.createTenantId("role");
        TestApi.Member admin = api.member(tenant, "tenant_admin");
        TestApi.Member member = api.member(tenant, "member");
        client.post().uri("/api/v1/tenants/{id}/members", tenant).headers(bearer(member.token()))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("user_id", admin.userId().toString(), "role", "viewer"))
                .exchange().expectStatus().isForbidden();
        client.patch().uri("/api/v1/tenants/{id}/members/{user}", tenant, member.userId()).headers(bearer(admin.token()))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("role", "tenant_admin"))
                .exchange().expectStatus().isOk().expectBody().jsonPath("$.role").isEqualTo("tenant_admin");
        client.post().uri("/api/v1/auth/token").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("email", member.email(), "password", TestApi.PASSWORD)).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.roles[0]").isEqualTo("tenant_admin");
        client.patch().uri("/api/v1/tenants/{id}/members/{user}", tenant, UUID.randomUUID()).headers(bearer(admin.token()))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("role", "viewer"))
                .exchange().expectStatus().isNotFound();
    }

    @Test
    void whenUsersAreCreatedThenEmailIsUniqueAndPasswordsAreChecked() {
        String email = TestApi.unique("dana") + "@example.test";
        api.createUser(email);
        client.post().uri("/api/v1/users").headers(bearer(api.adminToken())).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("email", email.toUpperCase(), "password", "another-password-1"))
                .exchange().expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.type").isEqualTo("https://cygnetci.io/problems/email-taken");
        client.post().uri("/api/v1/users").headers(bearer(api.adminToken())).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("email", "not-an-email", "password", "short"))
                .exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[?(@.field == 'email')]").exists()
                .jsonPath("$.errors[?(@.field == 'password')]").exists()
                .jsonPath("$.detail").isEqualTo("The request is not valid.");
        UUID tenant = api.createTenantId("uc");
        TestApi.Member viewer = api.member(tenant, "viewer");
        client.post().uri("/api/v1/users").headers(bearer(viewer.token())).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("email", TestApi.unique("x") + "@example.test", "password", "long-enough-pass"))
                .exchange().expectStatus().isForbidden();
    }

    @Test
    void whenUserBelongsToTenantsThenTheyListThemAndChooseTheDefault() {
        UUID first = api.createTenantId("first");
        UUID second = api.createTenantId("second");
        String email = TestApi.unique("multi") + "@example.test";
        UUID user = api.createUser(email);
        api.addMember(first, user, "member");
        api.addMember(second, user, "viewer");
        String token = api.login(email, TestApi.PASSWORD, null);

        client.get().uri("/api/v1/users/{id}/tenants", user).headers(bearer(token)).exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.items.length()").isEqualTo(2)
                .jsonPath("$.items[?(@.tenant_id == '" + first + "')].is_default").isEqualTo(true)
                .jsonPath("$.items[?(@.tenant_id == '" + second + "')].is_default").isEqualTo(false);
        client.put().uri("/api/v1/users/{id}/default-tenant", user).headers(bearer(token))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("tenant_id", second.toString()))
                .exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.items[?(@.tenant_id == '" + second + "')].is_default").isEqualTo(true)
                .jsonPath("$.items[?(@.tenant_id == '" + first + "')].is_default").isEqualTo(false);
        client.post().uri("/api/v1/auth/token").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("email", email, "password", TestApi.PASSWORD)).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.tenant_id").isEqualTo(second.toString());
        client.put().uri("/api/v1/users/{id}/default-tenant", user).headers(bearer(token))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("tenant_id", api.createTenantId("none").toString()))
                .exchange().expectStatus().isNotFound();
        client.get().uri("/api/v1/users/me").headers(bearer(token)).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.email").isEqualTo(email)
                .jsonPath("$.password_hash").doesNotExist();
    }

    @Test
    void whenReadingAUserThenOnlyThemselvesAdminsAndTheirTenantSeeThem() {
        UUID tenant = api.createTenantId("seen");
        TestApi.Member admin = api.member(tenant, "tenant_admin");
        TestApi.Member colleague = api.member(tenant, "viewer");
        UUID stranger = api.createUser(TestApi.unique("stranger") + "@example.test");
        client.get().uri("/api/v1/users/{id}", colleague.userId()).headers(bearer(admin.token())).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.email").isEqualTo(colleague.email());
        client.get().uri("/api/v1/users/{id}", stranger).headers(bearer(admin.token())).exchange()
                .expectStatus().isNotFound();
        client.get().uri("/api/v1/users/{id}/tenants", colleague.userId()).headers(bearer(admin.token())).exchange()
                .expectStatus().isNotFound();
        client.get().uri("/api/v1/users/{id}", stranger).headers(bearer(api.adminToken())).exchange()
                .expectStatus().isOk();
    }
}
