package io.cygnetci.system.faults;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.cygnetci.system.GatewayClient;
import io.cygnetci.system.LocalPlatform;
import io.cygnetci.system.SandboxTenant;
import io.cygnetci.system.SharedPlatform;
import io.cygnetci.system.http.RawHttp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * Redis stops answering (every client paused, as a hung or partitioned Redis) while a tenant pushes far past its
 * plan: the gateway falls back to its own buckets, so the tenant is still held to its limit, nothing answers 5xx,
 * and the fallback is counted. Runs when the platform's gateway keeps its limits in Redis (the system tests' platform
 * does whenever 127.0.0.1:6379 answers, as in CI).
 */
@ExtendWith(SharedPlatform.class)
class RedisOutageIntegrationTests {

    // low enough that the phase without Redis, where each decision waits for Redis to time out, still passes it
    private static final int LIMIT = 30;
    private static final Duration PHASE = Duration.ofSeconds(8);

    private final GatewayClient gateway = new GatewayClient();
    private final RawHttp http = new RawHttp(LocalPlatform.GATEWAY);

    @Test
    void whenRedisStopsAnsweringUnderLoadThenTheGatewaysOwnBucketsStillHoldTheTenantToItsLimit() throws Exception {
        assumeThat(gatewayEnvironment()).as("the gateway keeps its limits in Redis")
                .contains("CYGNETCI_RATE_LIMIT_STORE=redis");
        SandboxTenant.Minimal tenant = SandboxTenant.minimal(gateway, "redisfault", LIMIT);
        String token = tenant.adminToken();
        double fallbacksBefore = fallbacks();

        Map<String, Integer> withRedis = hammer(token);
        redis("CLIENT", "PAUSE", String.valueOf(PHASE.toMillis() + 4000), "ALL");
        Map<String, Integer> withoutRedis;
        try {
            withoutRedis = hammer(token);
        }
        finally {
            redis("CLIENT", "UNPAUSE");
        }

        System.out.println("Redis outage: answers with Redis " + withRedis + ", while it did not answer " + withoutRedis);
        // the plan's bucket plus what refills during a phase (LIMIT per minute), and a little for timing
        int ceiling = LIMIT + (int) (LIMIT * PHASE.toSeconds() / 60) + 5;
        for (Map<String, Integer> phase : java.util.List.of(withRedis, withoutRedis)) {
            assertThat(phase.keySet()).allMatch(status -> status.equals("200") || status.equals("429"));
            assertThat(phase.getOrDefault("200", 0)).isLessThanOrEqualTo(ceiling);
            assertThat(phase.getOrDefault("429", 0)).isPositive();
        }
        assertThat(fallbacks()).as("decisions taken without Redis").isGreaterThan(fallbacksBefore);
    }

    /** Four clients as fast as they can for one phase: the answers' statuses, counted. */
    private Map<String, Integer> hammer(String token) throws InterruptedException {
        Map<String, AtomicInteger> statuses = new ConcurrentHashMap<>();
        ExecutorService clients = Executors.newFixedThreadPool(4);
        long until = System.nanoTime() + PHASE.toNanos();
        for (int i = 0; i < 4; i++) {
            clients.submit(() -> {
                while (System.nanoTime() < until) {
                    int status = http.request("GET", "/api/v1/tenants/current").bearer(token).send().status();
                    statuses.computeIfAbsent(String.valueOf(status), s -> new AtomicInteger()).incrementAndGet();
                }
            });
        }
        clients.shutdown();
        assertThat(clients.awaitTermination(PHASE.toSeconds() + 60, TimeUnit.SECONDS)).isTrue();
        Map<String, Integer> counts = new TreeMap<>();
        statuses.forEach((status, count) -> counts.put(status, count.get()));
        return counts;
    }

    private static String gatewayEnvironment() throws IOException {
        long pid = ProcessHandle.allProcesses().filter(p -> p.info().commandLine().orElse("").contains("gateway.jar"))
                .findFirst().orElseThrow().pid();
        return new String(java.nio.file.Files.readAllBytes(java.nio.file.Path.of("/proc", String.valueOf(pid),
                "environ"))).replace('\0', '\n');
    }

    private static double fallbacks() throws Exception {
        return scrape().lines().filter(line -> line.startsWith("cygnetci_gateway_ratelimit_redis_fallback_total"))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
    }

    private static String scrape() throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                "http://localhost:8090/actuator/prometheus")).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    private static void redis(String... command) throws IOException, InterruptedException {
        java.util.List<String> line = new java.util.ArrayList<>(java.util.List.of("redis-cli", "-h", "127.0.0.1",
                "-p", "6379"));
        line.addAll(java.util.List.of(command));
        Process cli = new ProcessBuilder(line).redirectErrorStream(true).start();
        String answer = new String(cli.getInputStream().readAllBytes()).trim();
        assertThat(cli.waitFor()).isZero();
        assertThat(answer).as(String.join(" ", command)).isEqualTo("OK");
    }
}
