package io.cygnetci.tenant.support;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import io.cygnetci.platform.test.jwt.TestJwts;
import tools.jackson.databind.JsonNode;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Drives tenant-service through its HTTP API, as a client would: logins, tenants, users, members. */
public class TestApi {

    public static final String ISSUER = "http://tenant-service.test";
    public static final String ADMIN_EMAIL = "root@cygnetci.test";
    public static final String ADMIN_PASSWORD = "root-password-123";
    public static final String PASSWORD = "correct-horse-battery";

    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private final WebTestClient client;
    private String adminToken;

    public TestApi(WebTestClient client) {
        this.client = client;
    }

    public WebTestClient client() {
        return client;
    }

    public static TestJwts jwts() {
        return new TestJwts(ISSUER);
    }

    public static String unique(String prefix) {
        return prefix + "-" + SEQUENCE.incrementAndGet() + "-" + UUID.randomUUID().toString().substring(0, 6);
    }

    public String adminToken() {
        if (adminToken == null) {
            adminToken = login(ADMIN_EMAIL, ADMIN_PASSWORD, null);
        }
        return adminToken;
    }

    public String login(String email, String password, String tenant) {
        Map<String, Object> body = tenant == null ? Map.of("email", email, "password", password)
                : Map.of("email", email, "password", password, "tenant", tenant);
        return client.post().uri("/api/v1/auth/token").contentType(MediaType.APPLICATION_JSON).bodyValue(body)
                .exchange().expectStatus().isOk()
                .expectBody(JsonNode.class).returnResult().getResponseBody().get("access_token").asString();
    }

    public JsonNode createTenant(String slug) {
        return client.post().uri("/api/v1/tenants").headers(bearer(adminToken()))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("slug", slug, "display_name", "Tenant " + slug, "contact_email", "ops@" + slug + ".test"))
                .exchange().expectStatus().isCreated()
                .expectBody(JsonNode.class).returnResult().getResponseBody();
    }

    public UUID createTenantId(String prefix) {
        return UUID.fromString(createTenant(unique(prefix)).get("id").asString());
    }

    public UUID createUser(String email) {
        JsonNode user = client.post().uri("/api/v1/users").headers(bearer(adminToken()))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("email", email, "password", PASSWORD, "display_name", "User " + email))
                .exchange().expectStatus().isCreated()
                .expectBody(JsonNode.class).returnResult().getResponseBody();
        return UUID.fromString(user.get("id").asString());
    }

    public void addMember(UUID tenantId, UUID userId, String role) {
        client.post().uri("/api/v1/tenants/{id}/members", tenantId).headers(bearer(adminToken()))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("user_id", userId.toString(), "role", role))
                .exchange().expectStatus().isCreated();
    }

    /** A new user who is {@code role} of {@code tenantId}, logged in to it: answers the token. */
    public Member member(UUID tenantId, String role) {
        String email = unique(role) + "@example.test";
        UUID userId = createUser(email);
        addMember(tenantId, userId, role);
        return new Member(userId, email, login(email, PASSWORD, tenantId.toString()));
    }

    public record Member(UUID userId, String email, String token) {
    }

    public static java.util.function.Consumer<HttpHeaders> bearer(String token) {
        return headers -> headers.setBearerAuth(token);
    }
}
