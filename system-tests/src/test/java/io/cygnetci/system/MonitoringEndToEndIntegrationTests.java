package io.cygnetci.system;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Monitoring end to end, through the gateway: the demo health checks really run against the platform, the
 * dashboard statistics and activity reflect what the other services did, usage counts the gateway's requests, the
 * live stream passes through the gateway, and another tenant sees none of it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(SharedPlatform.class)
class MonitoringEndToEndIntegrationTests {

    private static final Duration PATIENCE = Duration.ofMinutes(3);

    private static final List<String> DEMO_CHECKS = List.of("API Gateway", "Tenant Service", "Pipeline Service",
            "PostgreSQL", "Kafka", "Legacy Billing API");

    private final GatewayClient gateway = new GatewayClient();

    @Test
    void whenTheDemoPlatformRunsThenItsHealthChecksStatisticsActivityAndUsageShowAcmesEstateOnly() {
        String alice = gateway.login("alice@acme-corp.example");
        String acme = gateway.call("GET", "/api/v1/tenants/current", alice, null, 200).get("id").asString();

        await().atMost(PATIENCE).pollInterval(Duration.ofSeconds(1)).until(() -> gateway.call("GET",
                "/api/v1/services", alice, null, 200).get("items").valueStream()
                .noneMatch(s -> s.get("status").asString().equals("unknown")));
        List<JsonNode> services = gateway.call("GET", "/api/v1/services", alice, null, 200).get("items").valueStream()
                .filter(s -> DEMO_CHECKS.contains(s.get("name").asString())).toList();
        assertThat(services).hasSize(DEMO_CHECKS.size());
        for (JsonNode service : services) {
            String expected = service.get("name").asString().equals("Legacy Billing API") ? "down" : "healthy|warning";
            assertThat(service.get("status").asString()).as(service.get("name").asString()).matches(expected);
        }

        JsonNode stats = gateway.call("GET", "/api/v1/tenants/" + acme + "/statistics", alice, null, 200);
        assertThat(stats.get("services").get("total").asLong()).isGreaterThanOrEqualTo(DEMO_CHECKS.size());
        assertThat(stats.get("services").get("down").asLong()).isGreaterThanOrEqualTo(1);
        assertThat(stats.get("pipelines").get("total").asLong()).isGreaterThanOrEqualTo(2);
        assertThat(stats.get("users").get("total").asLong()).isGreaterThanOrEqualTo(2);
        await().atMost(PATIENCE).until(() -> gateway.call("GET", "/api/v1/tenants/" + acme + "/statistics", alice,
                null, 200).get("agents").get("online").asLong() >= 1);

        List<String> lines = gateway.call("GET", "/api/v1/activity?limit=200", alice, null, 200).get("items")
                .valueStream().map(a -> a.get("message").asString()).toList();
        assertThat(lines).contains("Service Legacy Billing API down: connection refused")
                .anyMatch(line -> line.matches("Agent .* came online"))
                .anyMatch(line -> line.startsWith("Pipeline ") && line.endsWith(" created"));

        // the gateway's per-minute counts reach usage once a minute has ended
        await().atMost(PATIENCE).pollInterval(Duration.ofSeconds(5)).until(() -> gateway.call("GET",
                "/api/v1/usage", alice, null, 200).get("meters").valueStream()
                .anyMatch(m -> m.get("meter").asString().equals("api_requests") && m.get("quantity").asDouble() > 0));

        // Carol (TechStart) sees none of it
        String carol = gateway.login("carol@techstart.example");
        // (the problem's "instance" repeats the path Carol asked for; nothing of Acme's beyond it)
        String leak = gateway.send("GET", "/api/v1/tenants/" + acme + "/statistics", carol, null, 404);
        assertThat(leak).doesNotContainIgnoringCase("acme").doesNotContain("services").doesNotContain("agents");
        String theirs = gateway.send("GET", "/api/v1/activity?limit=200", carol, null, 200);
        assertThat(theirs).doesNotContain("acme").doesNotContain(services.get(0).get("id").asString());
        gateway.send("GET", "/api/v1/services/" + services.get(0).get("id").asString(), carol, null, 404);
    }

    @Test
    void whenAUserFollowsTheActivityStreamThroughTheGatewayThenANewHealthCheckShowsUpLive() throws Exception {
        String bob = gateway.login("bob@acme-corp.example");
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpResponse<InputStream> stream = http.send(HttpRequest.newBuilder(URI.create(LocalPlatform.GATEWAY
                + "/api/v1/activity/stream")).header("Authorization", "Bearer " + bob)
                .header("Accept", "text/event-stream").build(), HttpResponse.BodyHandlers.ofInputStream());
        assertThat(stream.statusCode()).isEqualTo(200);
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8))) {
            CompletableFuture<String> seen = CompletableFuture.supplyAsync(() -> reader.lines()
                    .filter(line -> line.startsWith("data:") && line.contains("Stream Probe"))
                    .findFirst().orElse(""));
            String name = "Stream Probe " + System.nanoTime();
            gateway.call("POST", "/api/v1/services", bob, Map.of("name", name, "kind", "http",
                    "url", "http://localhost:8081/actuator/health/liveness", "interval_seconds", 60), 201);
            String line = seen.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
            assertThat(line).contains("Service " + name + " is healthy");
        }
    }
}
