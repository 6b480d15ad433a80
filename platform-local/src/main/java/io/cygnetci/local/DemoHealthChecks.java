package io.cygnetci.local;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * Demo health checks per demo tenant, against what the local platform itself serves, so they really pass: the
 * gateway, two services' readiness, PostgreSQL and Kafka by TCP; and one that fails (nothing listens on its port).
 * Idempotent: a check that exists (by name) is left as it is.
 */
final class DemoHealthChecks {

    private static final Logger log = LoggerFactory.getLogger(DemoHealthChecks.class);

    static final String FAILING = "Legacy Billing API";

    private final GatewayCalls calls;
    private final List<Map<String, Object>> checks;

    DemoHealthChecks(String gatewayUrl, String postgresHost, int postgresPort, String kafkaBootstrap) {
        this.calls = new GatewayCalls(gatewayUrl);
        String kafka = kafkaBootstrap.split(",")[0];
        int colon = kafka.lastIndexOf(':');
        this.checks = List.of(
                http("API Gateway", "http://localhost:8080/actuator/health", "UP"),
                http("Tenant Service", "http://localhost:8081/actuator/health/readiness", "UP"),
                http("Pipeline Service", "http://localhost:8083/actuator/health/readiness", "UP"),
                tcp("PostgreSQL", postgresHost, postgresPort),
                tcp("Kafka", kafka.substring(0, colon), Integer.parseInt(kafka.substring(colon + 1))),
                http(FAILING, "http://localhost:8099/health", null));
    }

    void seed() throws IOException, InterruptedException {
        for (DemoRunners.DemoRunner tenant : DemoRunners.RUNNERS) {
            String admin = calls.login(tenant.adminEmail());
            for (Map<String, Object> check : checks) {
                String name = (String) check.get("name");
                JsonNode found = calls.callWhenKnown("GET", "/api/v1/services?q="
                        + URLEncoder.encode(name, StandardCharsets.UTF_8), admin, null);
                boolean exists = false;
                for (JsonNode item : found.get("items")) {
                    exists |= name.equals(item.get("name").asString());
                }
                if (!exists) {
                    calls.callWhenKnown("POST", "/api/v1/services", admin, check);
                }
            }
        }
        log.info("Demo health checks ready: {} per tenant, one of them failing", checks.size());
    }

    private static Map<String, Object> http(String name, String url, String bodyContains) {
        Map<String, Object> check = new HashMap<>(Map.of("name", name, "kind", "http", "url", url,
                "interval_seconds", 30, "timeout_ms", 3000, "warning_threshold_ms", 500));
        if (bodyContains != null) {
            check.put("body_contains", bodyContains);
        }
        return check;
    }

    private static Map<String, Object> tcp(String name, String host, int port) {
        return Map.of("name", name, "kind", "tcp", "host", host, "port", port, "interval_seconds", 30,
                "timeout_ms", 3000, "warning_threshold_ms", 500);
    }
}
