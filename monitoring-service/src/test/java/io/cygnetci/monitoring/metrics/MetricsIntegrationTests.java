package io.cygnetci.monitoring.metrics;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import io.cygnetci.monitoring.support.MonitoringApi;
import io.cygnetci.monitoring.support.MonitoringServiceTest;
import io.cygnetci.monitoring.support.TargetServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.web.server.LocalServerPort;

import static io.cygnetci.monitoring.support.MonitoringApi.PATIENCE;
import static io.cygnetci.monitoring.support.MonitoringApi.publishAgent;
import static io.cygnetci.monitoring.support.MonitoringApi.publishFinished;
import static io.cygnetci.monitoring.support.MonitoringApi.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

/** Per-tenant series on /actuator/prometheus, and a real Prometheus scraping them (when the binary is installed). */
class MetricsIntegrationTests extends MonitoringServiceTest {

    @LocalServerPort
    int port;

    @Test
    void whenATenantHasAgentsServicesAndExecutionsThenThePrometheusEndpointHasItsSeries() throws Exception {
        UUID tenant = UUID.randomUUID();
        String series = seedTenant(tenant);
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(scrape())
                .contains("cygnetci_agents{application=\"monitoring-service\",status=\"online\"," + series + "} 1.0")
                .contains("cygnetci_services{application=\"monitoring-service\",status=\"healthy\"," + series
                        + "} 1.0")
                .contains("cygnetci_health_checks_total{application=\"monitoring-service\",status=\"healthy\","
                        + series + "}")
                .contains("cygnetci_execution_duration_seconds_bucket{application=\"monitoring-service\","
                        + "status=\"succeeded\"," + series)
                .contains("cygnetci_usage_quantity_total{application=\"monitoring-service\","
                        + "meter=\"build_minutes\"," + series + "} 2.0")
                .contains("cygnetci_consumer_lag_records{application=\"monitoring-service\","
                        + "group=\"monitoring-service\",topic=\"cygnetci.pipeline-executions.v1\"}")
                .contains("cygnetci_read_model_lag_seconds_count{application=\"monitoring-service\","
                        + "topic=\"cygnetci.agents.v1\"}"));
    }

    @Test
    void whenARealPrometheusScrapesTheServiceThenATenantsSeriesCanBeQueried(@TempDir Path dir) throws Exception {
        Path binary = Path.of("/usr/bin/prometheus");
        assumeThat(Files.isExecutable(binary)).as("the prometheus binary (Debian package prometheus)").isTrue();
        UUID tenant = UUID.randomUUID();
        seedTenant(tenant);
        int promPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            promPort = socket.getLocalPort();
        }
        Files.writeString(dir.resolve("prometheus.yml"), """
                global:
                  scrape_interval: 1s
                scrape_configs:
                  - job_name: monitoring-service
                    metrics_path: /actuator/prometheus
                    static_configs:
                      - targets: ['127.0.0.1:%d']
                """.formatted(port));
        Process prometheus = new ProcessBuilder(binary.toString(), "--config.file=" + dir.resolve("prometheus.yml"),
                "--storage.tsdb.path=" + dir.resolve("data"), "--web.listen-address=127.0.0.1:" + promPort)
                .redirectErrorStream(true).redirectOutput(dir.resolve("prometheus.log").toFile()).start();
        try {
            String query = "cygnetci_services{tenant=\"" + tenant + "\",status=\"healthy\"}";
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
            await().atMost(Duration.ofSeconds(60)).ignoreExceptions().untilAsserted(() -> {
                HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                        + promPort + "/api/v1/query?query=" + URLEncoder.encode(query, StandardCharsets.UTF_8)))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                JsonNode result = JsonMapper.shared().readTree(answer.body()).get("data").get("result");
                assertThat(result).hasSize(1);
                assertThat(result.get(0).get("metric").get("job").asString()).isEqualTo("monitoring-service");
                assertThat(result.get(0).get("value").get(1).asString()).isEqualTo("1");
            });
        }
        finally {
            prometheus.destroy();
            prometheus.waitFor();
        }
    }

    /** An online agent, a healthy service and a two-minute execution; answers the series' tenant label. */
    private String seedTenant(UUID tenant) throws IOException {
        publishAgent(tenant, UUID.randomUUID(), "prod-001", "online", "online", Instant.now());
        publishFinished(tenant, UUID.randomUUID(), UUID.randomUUID(), "Build API", null, "succeeded", 120_000,
                clock.instant());
        try (TargetServer target = new TargetServer()) {
            UUID id = MonitoringApi.id(api.createService(user(tenant, "member"), Map.of("name", "API", "kind", "http",
                    "url", target.url("/ok"))).expectStatus().isCreated());
            await().atMost(PATIENCE).until(() -> "healthy".equals(api.service(user(tenant, "viewer"), id)
                    .get("status").asString()));
        }
        return "tenant=\"" + tenant + "\"";
    }

    private String scrape() {
        return client.get().uri("/actuator/prometheus").exchange().expectStatus().isOk().expectBody(String.class)
                .returnResult().getResponseBody();
    }
}
