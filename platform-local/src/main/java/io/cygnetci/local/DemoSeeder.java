package io.cygnetci.local;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Seeds the demo tenants and users of the product brief through tenant-service's public API, as a platform admin
 * would. Idempotent: what exists already is left as it is.
 */
final class DemoSeeder {

    static final String ADMIN_EMAIL = "admin@cygnetci.local";
    static final String ADMIN_PASSWORD = "cygnetci-admin";
    static final String DEMO_PASSWORD = "cygnetci-demo";

    record DemoTenant(String slug, String displayName, String contactEmail, String description) {
    }

    record DemoUser(String email, String displayName, Map<String, String> roles, String defaultTenant) {
    }

    static final List<DemoTenant> TENANTS = List.of(
            new DemoTenant("acme-corp", "Acme Corporation", "platform@acme-corp.example", "Enterprise manufacturing"),
            new DemoTenant("techstart", "TechStart Inc", "devops@techstart.example", "Fast-growing SaaS start-up"),
            new DemoTenant("globalco", "GlobalCo", "it@globalco.example", "Global logistics"));

    static final List<DemoUser> USERS = List.of(
            new DemoUser("alice@acme-corp.example", "Alice Admin", Map.of("acme-corp", "tenant_admin"), "acme-corp"),
            new DemoUser("bob@acme-corp.example", "Bob Builder", Map.of("acme-corp", "member"), "acme-corp"),
            new DemoUser("carol@techstart.example", "Carol Chen", Map.of("techstart", "tenant_admin"), "techstart"),
            new DemoUser("dave@globalco.example", "Dave Diaz", Map.of("globalco", "tenant_admin"), "globalco"),
            new DemoUser("erin@consulting.example", "Erin Consultant",
                    Map.of("acme-corp", "member", "techstart", "viewer", "globalco", "member"), "acme-corp"));

    private static final Logger log = LoggerFactory.getLogger(DemoSeeder.class);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final JsonMapper json = JsonMapper.builder().build();
    private final String tenantService;

    DemoSeeder(String tenantServiceUrl) {
        this.tenantService = tenantServiceUrl;
    }

    void seed() throws IOException, InterruptedException {
        String admin = token(ADMIN_EMAIL, ADMIN_PASSWORD);
        Map<String, String> tenantIds = new java.util.HashMap<>();
        for (DemoTenant tenant : TENANTS) {
            tenantIds.put(tenant.slug(), ensureTenant(admin, tenant));
        }
        for (DemoUser user : USERS) {
            String userId = ensureUser(admin, user);
            for (Map.Entry<String, String> role : user.roles().entrySet()) {
                ensureMember(admin, tenantIds.get(role.getKey()), user.email(), role.getValue());
            }
            if (userId != null) {
                call("PUT", "/api/v1/users/" + userId + "/default-tenant", admin,
                        Map.of("tenant_id", tenantIds.get(user.defaultTenant())), 200);
            }
        }
        log.info("Demo data ready: {} tenants, {} users", TENANTS.size(), USERS.size());
    }

    private String ensureTenant(String admin, DemoTenant tenant) throws IOException, InterruptedException {
        JsonNode found = call("GET", "/api/v1/tenants?q=" + URLEncoder.encode(tenant.slug(), StandardCharsets.UTF_8),
                admin, null, 200).body();
        for (JsonNode item : found.get("items")) {
            if (tenant.slug().equals(item.get("slug").asString())) {
                return item.get("id").asString();
            }
        }
        return call("POST", "/api/v1/tenants", admin, Map.of("slug", tenant.slug(), "display_name",
                tenant.displayName(), "contact_email", tenant.contactEmail(), "description", tenant.description()), 201)
                .body().get("id").asString();
    }

    /** Answers the new user's id, or null when the user existed already (their memberships are kept). */
    private String ensureUser(String admin, DemoUser user) throws IOException, InterruptedException {
        Response created = call("POST", "/api/v1/users", admin, Map.of("email", user.email(), "password", DEMO_PASSWORD,
                "display_name", user.displayName()), 201, 409);
        return created.status() == 201 ? created.body().get("id").asString() : null;
    }

    private void ensureMember(String admin, String tenantId, String email, String role)
            throws IOException, InterruptedException {
        call("POST", "/api/v1/tenants/" + tenantId + "/members", admin, Map.of("email", email, "role", role), 201, 409);
    }

    private String token(String email, String password) throws IOException, InterruptedException {
        return call("POST", "/api/v1/auth/token", null, Map.of("email", email, "password", password), 200)
                .body().get("access_token").asString();
    }

    private record Response(int status, JsonNode body) {
    }

    private Response call(String method, String path, String token, Object body, int... expected)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(tenantService + path))
                .timeout(Duration.ofSeconds(20))
                .header("Accept", "application/json");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (body != null) {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body)));
        }
        else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        for (int status : expected) {
            if (response.statusCode() == status) {
                JsonNode parsed = response.body().length == 0 ? null : json.readTree(response.body());
                return new Response(status, parsed);
            }
        }
        throw new IllegalStateException(method + " " + path + " answered " + response.statusCode() + ": "
                + new String(response.body(), StandardCharsets.UTF_8));
    }
}
