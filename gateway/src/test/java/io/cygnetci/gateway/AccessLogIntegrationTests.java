package io.cygnetci.gateway;

import java.time.Duration;
import java.util.UUID;

import io.cygnetci.gateway.support.GatewayIntegrationTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Each request leaves one JSON access-log line with its tenant, user, route, status and latency, and no token. */
@ExtendWith(OutputCaptureExtension.class)
class AccessLogIntegrationTests extends GatewayIntegrationTest {

    @Test
    void whenARequestIsServedThenOneStructuredAccessLineNamesTenantUserRouteAndStatus(CapturedOutput output)
            throws Exception {
        UUID tenant = UUID.randomUUID();
        UUID user = UUID.randomUUID();
        tenantEvent("created", tenant, "log-" + tenant.toString().substring(0, 8), true, 1000);
        String token = jwts.user(user).tenant(tenant).roles("member").sign();

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
