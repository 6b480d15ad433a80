package io.cygnetci.tenant.isolation;

import java.util.UUID;

import io.cygnetci.tenant.support.TenantServiceIntegrationTest;
import io.cygnetci.tenant.support.TestApi;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static io.cygnetci.tenant.support.TestApi.bearer;

/** The internal tenant directory answers only to the shared internal token, never to users. */
@TenantServiceIntegrationTest
@TestPropertySource(properties = "cygnetci.internal.token=s3cret-internal-token")
class TenantDirectoryIntegrationTests {

    @Autowired
    WebTestClient client;

    @Test
    void whenTheInternalTokenIsPresentedThenEveryTenantsRoutingFactsAreListed() {
        TestApi api = new TestApi(client);
        String slug = TestApi.unique("dir");
        UUID tenant = UUID.fromString(api.createTenant(slug).get("id").asString());
        client.get().uri("/internal/v1/tenant-directory").header("X-Internal-Token", "s3cret-internal-token")
                .exchange().expectStatus().isOk()
                .expectBody()
                .jsonPath("$.items[?(@.tenant_id == '" + tenant + "')].slug").isEqualTo(slug)
                .jsonPath("$.items[?(@.tenant_id == '" + tenant + "')].requests_per_minute").isEqualTo(1000)
                .jsonPath("$.items[?(@.tenant_id == '" + tenant + "')].max_agents").isEqualTo(10)
                .jsonPath("$.items[?(@.tenant_id == '" + tenant + "')].active").isEqualTo(true);
    }

    @Test
    void whenTheTokenIsMissingOrWrongThenNotFoundEvenForAPlatformAdmin() {
        TestApi api = new TestApi(client);
        client.get().uri("/internal/v1/tenant-directory").exchange().expectStatus().isNotFound();
        client.get().uri("/internal/v1/tenant-directory").header("X-Internal-Token", "guess").exchange()
                .expectStatus().isNotFound();
        client.get().uri("/internal/v1/tenant-directory").headers(bearer(api.adminToken())).exchange()
                .expectStatus().isNotFound();
    }
}
