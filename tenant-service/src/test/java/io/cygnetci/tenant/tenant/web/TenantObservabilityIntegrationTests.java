package io.cygnetci.tenant.tenant.web;

import java.util.UUID;

import io.cygnetci.tenant.support.TenantServiceIntegrationTest;
import io.cygnetci.tenant.support.TestApi;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;

import static io.cygnetci.tenant.support.TestApi.bearer;
import static org.assertj.core.api.Assertions.assertThat;

/** Per-tenant request metrics on /actuator/prometheus; the rest of the actuator stays closed. */
@TenantServiceIntegrationTest
class TenantObservabilityIntegrationTests {

    @Autowired
    WebTestClient client;

    @Test
    void whenTenantMakesRequestsThenPrometheusShowsThemTaggedWithTheTenant() {
        TestApi api = new TestApi(client);
        UUID tenant = api.createTenantId("metrics");
        TestApi.Member member = api.member(tenant, "member");
        client.get().uri("/api/v1/tenants/current").headers(bearer(member.token())).exchange().expectStatus().isOk();

        String scrape = client.get().uri("/actuator/prometheus").exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        String series = scrape.lines()
                .filter(line -> line.startsWith("http_server_requests_seconds_count"))
                .filter(line -> line.contains("uri=\"/api/v1/tenants/current\"") && line.contains("status=\"200\""))
                .findFirst().orElseThrow();
        assertThat(series).contains("tenant=\"" + tenant + "\"").contains("error=\"none\"");
    }

    @Test
    void whenProbingHealthThenLivenessAndReadinessAnswerAndOtherEndpointsAreClosed() {
        client.get().uri("/actuator/health/liveness").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("UP");
        client.get().uri("/actuator/health/readiness").exchange().expectStatus().isOk();
        client.get().uri("/actuator/env").exchange().expectStatus().isUnauthorized();
        client.get().uri("/actuator/env").headers(bearer(new TestApi(client).adminToken())).exchange()
                .expectStatus().isForbidden();
    }

    @Test
    void whenAskingForTheOpenApiDocumentThenItIsPublicRelativeToItsOriginAndDeclaresBearerTokens() {
        client.get().uri("/v3/api-docs").exchange().expectStatus().isOk()
                .expectBody()
                .jsonPath("$.info.title").isEqualTo("CygnetCI tenant-service")
                .jsonPath("$.servers[0].url").isEqualTo("/")
                .jsonPath("$.components.securitySchemes.bearer.scheme").isEqualTo("bearer")
                .jsonPath("$.security[0].bearer").exists()
                .jsonPath("$.paths['/api/v1/tenants/current'].get").exists()
                .jsonPath("$.paths['/api/v1/auth/token'].post.security").isEmpty()
                // the wire's names, not the Java records'
                .jsonPath("$.components.schemas.CreateTenant.properties.display_name").exists()
                .jsonPath("$.components.schemas.CreateTenant.properties.displayName").doesNotExist()
                .jsonPath("$.components.schemas.CreateTenant.required[?(@ == 'display_name')]").exists();
    }
}
