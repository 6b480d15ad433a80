package io.cygnetci.gateway.support;

import java.time.Duration;
import java.util.UUID;

import io.cygnetci.gateway.tenant.TenantDirectory;
import io.cygnetci.platform.test.jwt.JwksServer;
import io.cygnetci.platform.test.jwt.TestJwts;
import io.cygnetci.platform.test.kafka.WithKafka;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.awaitility.Awaitility.await;

/**
 * A gateway test: the real gateway on a random port in front of a real {@link EchoBackend}, validating tokens
 * against a real JWKS endpoint, its tenant directory fed by tenant events over the JVM's Kafka broker.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient(timeout = "30s")
@WithKafka
public abstract class GatewayIntegrationTest {

    public static final String ISSUER = "http://tenant-service.test";
    public static final String AGENT_ISSUER = "http://agent-service.test";

    /** One backend for the whole test JVM; it stops with the JVM. */
    protected static final EchoBackend BACKEND = new EchoBackend();

    @DynamicPropertySource
    static void gatewayProperties(DynamicPropertyRegistry registry) {
        registry.add("TENANT_SERVICE_URI", BACKEND::uri);
        registry.add("PIPELINE_SERVICE_URI", BACKEND::uri);
        registry.add("AGENT_SERVICE_URI", () -> "http://127.0.0.1:9");
        registry.add("spring.security.oauth2.resourceserver.jwt.jwk-set-uri", () -> JwksServer.shared().jwksUri());
        registry.add("spring.security.oauth2.resourceserver.jwt.issuer-uri", () -> ISSUER);
        registry.add("cygnetci.security.trusted-issuers[0].issuer", () -> AGENT_ISSUER);
        registry.add("cygnetci.security.trusted-issuers[0].jwk-set-uri", () -> JwksServer.shared().jwksUri());
    }

    @Autowired
    protected WebTestClient client;

    @LocalManagementPort
    protected int managementPort;

    @Autowired
    protected KafkaTemplate<String, byte[]> kafka;

    @Autowired
    protected TenantDirectory directory;

    protected final TestJwts jwts = new TestJwts(ISSUER);

    /** The actuator's Prometheus scrape, from the management port. */
    protected String scrape() {
        return WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + managementPort)
                .codecs(c -> c.defaultCodecs().maxInMemorySize(16 * 1024 * 1024)).build()
                .get().uri("/actuator/prometheus").exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
    }

    /** Publishes a tenant's event as tenant-service would, and waits until the gateway has applied it. */
    protected void tenantEvent(String event, UUID tenant, String slug, boolean active, int requestsPerMinute)
            throws Exception {
        new TenantEvents(kafka).tenant(event, tenant, slug, active, requestsPerMinute);
        await().atMost(Duration.ofSeconds(30)).until(() -> directory.byId(tenant)
                .filter(t -> t.active() == active && t.requestsPerMinute() == requestsPerMinute).isPresent());
    }
}
