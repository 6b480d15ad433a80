package io.cygnetci.gateway;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import io.cygnetci.gateway.support.GatewayIntegrationTest;
import io.cygnetci.gateway.tenant.TenantDirectory;
import io.cygnetci.platform.test.jwt.JwksServer;
import io.cygnetci.platform.test.kafka.KafkaServer;
import io.cygnetci.platform.test.kafka.TcpForwarder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Rate limits on a real Redis (the local server, reached through a forwarder the test can cut): gateway replicas
 * share one budget, and without Redis each replica still limits on its own.
 */
class GatewayRedisRateLimitIntegrationTests extends GatewayIntegrationTest {

    static final TcpForwarder REDIS = new TcpForwarder();

    static {
        REDIS.forwardTo(System.getenv().getOrDefault("REDIS_HOST", "127.0.0.1"),
                Integer.parseInt(System.getenv().getOrDefault("REDIS_PORT", "6379")));
    }

    static Map<String, Object> redisProperties() {
        return Map.of("spring.data.redis.port", REDIS.port(), "cygnetci.gateway.rate-limit.store", "redis");
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        redisProperties().forEach((key, value) -> registry.add(key, () -> value));
    }

    @AfterAll
    static void stop() {
        REDIS.close();
    }

    @Test
    void whenTwoReplicasShareRedisThenTheyShareOneBudgetAndWithoutRedisEachStillLimits() throws Exception {
        UUID tenant = UUID.randomUUID();
        String slug = "shared-" + tenant.toString().substring(0, 8);
        tenantEvent("created", tenant, slug, true, 4);

        java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("--server.port=0", "--management.server.port=0",
                "--spring.kafka.bootstrap-servers=" + KafkaServer.bootstrapServers()));
        redisProperties().forEach((key, value) -> args.add("--" + key + "=" + value));
        args.add("--TENANT_SERVICE_URI=" + BACKEND.uri());
        args.add("--spring.security.oauth2.resourceserver.jwt.jwk-set-uri=" + JwksServer.shared().jwksUri());
        args.add("--spring.security.oauth2.resourceserver.jwt.issuer-uri=" + ISSUER);
        try (ConfigurableApplicationContext second = new SpringApplicationBuilder(GatewayApplication.class)
                .run(args.toArray(String[]::new))) {
            TenantDirectory secondDirectory = second.getBean(TenantDirectory.class);
            await().atMost(Duration.ofSeconds(30)).until(() -> secondDirectory.byId(tenant).isPresent());
            WebTestClient other = WebTestClient.bindToServer()
                    .baseUrl("http://127.0.0.1:" + second.getEnvironment().getProperty("local.server.port"))
                    .responseTimeout(Duration.ofSeconds(30)).build();
            String token = jwts.user(UUID.randomUUID()).tenant(tenant).roles("member").sign();

            // four tokens in all, drawn alternately from both replicas
            for (int i = 0; i < 4; i++) {
                (i % 2 == 0 ? client : other).get().uri("/api/v1/tenants/current")
                        .header("Authorization", "Bearer " + token).exchange().expectStatus().isOk();
            }
            client.get().uri("/api/v1/tenants/current").header("Authorization", "Bearer " + token).exchange()
                    .expectStatus().isEqualTo(429).expectHeader().exists("Retry-After");
            other.get().uri("/api/v1/tenants/current").header("Authorization", "Bearer " + token).exchange()
                    .expectStatus().isEqualTo(429);

            // Redis goes away: each replica falls back to its own buckets, never to "unlimited"
            REDIS.close();
            int passed = 0;
            int refused = 0;
            for (int i = 0; i < 8; i++) {
                int status = client.get().uri("/api/v1/tenants/current").header("Authorization", "Bearer " + token)
                        .exchange().returnResult(Void.class).getStatus().value();
                if (status == 200) {
                    passed++;
                }
                else if (status == 429) {
                    refused++;
                }
            }
            assertThat(passed).as("the local bucket holds the plan's 4 per minute").isLessThanOrEqualTo(4);
            assertThat(refused).isGreaterThanOrEqualTo(4);
            String metrics = scrape();
            assertThat(metrics.lines().filter(l -> l.startsWith("cygnetci_gateway_ratelimit_redis_fallback_total"))
                    .findFirst().orElseThrow()).doesNotEndWith(" 0.0");
        }
    }
}
