package io.cygnetci.gateway;

import java.time.Duration;
import java.util.UUID;

import io.cygnetci.gateway.support.EchoBackend;
import io.cygnetci.gateway.support.TenantEvents;
import io.cygnetci.gateway.tenant.TenantDirectory;
import io.cygnetci.platform.test.jwt.JwksServer;
import io.cygnetci.platform.test.jwt.TestJwts;
import io.cygnetci.platform.test.kafka.WithKafka;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Each request leaves one JSON access-log line with its tenant, user, route, status and latency, and no token. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient(timeout = "30s")
@WithKafka
@ExtendWith(OutputCaptureExtension.class)
class AccessLogIntegrationTests {

    static final String ISSUER = "http://tenant-service.test";
    static final EchoBackend BACKEND = new EchoBackend();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("TENANT_SERVICE_URI", BACKEND::uri);
        registry.add("spring.security.oauth2.resourceserver.jwt.jwk-set-uri", () -> JwksServer.shared().jwksUri());
        registry.add("spring.security.oauth2.resourceserver.jwt.issuer-uri", () -> ISSUER);
    }

    @AfterAll
    static void stop() {
        BACKEND.close();
    }

    @Autowired
    WebTestClient client;

    @Autowired
    KafkaTemplate<String, byte[]> kafka;

    @Autowired
    TenantDirectory directory;


    @Test
    void whenARequestIsServedThenOneStructuredAccessLineNamesTenantUserRouteAndStatus(CapturedOutput output)
            throws Exception {
        UUID tenant = UUID.randomUUID();
        UUID user = UUID.randomUUID();
        new TenantEvents(kafka).tenant("created", tenant, "log-" + tenant.toString().substring(0, 8), true, 1000);
        await().atMost(Duration.ofSeconds(30)).until(() -> directory.byId(tenant).isPresent());
        String token = new TestJwts(ISSUER).user(user).tenant(tenant).roles("member").sign();

        client.get().uri("/api/v1/tenants/current").header("Authorization", "Bearer " + token).exchange()
                .expectStatus().isOk();

        await().atMost(Duration.ofSeconds(5)).until(() -> output.getOut().lines()
                .anyMatch(line -> line.contains("\"message\":\"access\"") && line.contains(user.toString())));
        String line = output.getOut().lines()
                .filter(l -> l.contains("\"message\":\"access\"") && l.contains(user.toString())).findFirst().orElseThrow();
        assertThat(line.split("\"tenant_id\"", -1)).as("exactly one tenant_id").hasSize(2);
        assertThat(line).contains("\"tenant_id\":\"" + tenant + "\"").contains("\"route\":\"tenant-service\"")
                .contains("\"status\":200").contains("\"latency_ms\":").contains("\"path\":\"/api/v1/tenants/current\"")
                .doesNotContain(token.substring(token.length() - 20));
    }
}
