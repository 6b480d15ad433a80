package io.cygnetci.system.faults;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import io.cygnetci.system.GatewayClient;
import io.cygnetci.system.LocalPlatform;
import io.cygnetci.system.SandboxTenant;
import io.cygnetci.system.SharedPlatform;
import io.cygnetci.system.http.RawHttp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * PostgreSQL trouble under load, on pipeline-service's database: first every session of the service killed again and
 * again ({@code pg_terminate_backend}), then the database refusing connections for a while. Callers get their answer
 * or a 503 problem, never a 500; the service's readiness goes down while it cannot reach its database and comes
 * back with it, without a restart; and every pipeline a caller was told was created exists, no other.
 */
@ExtendWith(SharedPlatform.class)
class DatabaseOutageIntegrationTests {

    private static final String DATABASE = "pipeline_service";
    private static final String READINESS = "http://localhost:8083/actuator/health/readiness";

    private final GatewayClient gateway = new GatewayClient();
    private final RawHttp http = new RawHttp(LocalPlatform.GATEWAY);

    @Test
    void whenSessionsAreKilledAndThenTheDatabaseRefusesConnectionsThenAnswersAre2xxOr503AndAllRecoverWithoutRestart()
            throws Exception {
        LocalPlatform platform = SharedPlatform.platform();
        SandboxTenant.Minimal tenant = SandboxTenant.minimal(gateway, "dbfault");
        String admin = tenant.adminToken();
        long pid = servicePid();
        Map<String, AtomicInteger> statuses = new ConcurrentHashMap<>();
        Set<String> created = ConcurrentHashMap.newKeySet();
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicInteger sequence = new AtomicInteger();
        ExecutorService load = Executors.newFixedThreadPool(3);
        for (int worker = 0; worker < 3; worker++) {
            boolean writer = worker == 0;
            load.submit(() -> {
                while (running.get()) {
                    RawHttp.Response response = writer
                            ? http.request("POST", "/api/v1/pipelines").bearer(admin).json("{\"name\":\"Fault "
                                    + sequence.incrementAndGet() + "\",\"steps\":[{\"name\":\"Build\",\"command\":\"true\"}]}")
                                    .send()
                            : http.request("GET", "/api/v1/pipelines?limit=50").bearer(admin).send();
                    statuses.computeIfAbsent((writer ? "POST " : "GET ") + response.status() + " "
                            + (response.isProblem() ? "problem" : "json"), k -> new AtomicInteger()).incrementAndGet();
                    if (writer && response.status() == 201) {
                        created.add(response.body().replaceAll(".*\"id\":\"([^\"]+)\".*", "$1"));
                    }
                }
                return null;
            });
        }
        boolean readinessWentDown = false;
        try (Connection postgres = DriverManager.getConnection(platform.postgresAdminUrl());
                Statement sql = postgres.createStatement()) {
            TimeUnit.SECONDS.sleep(3);
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (System.nanoTime() < until) {
                terminate(sql);
                TimeUnit.MILLISECONDS.sleep(250);
            }
            sql.execute("alter database " + DATABASE + " allow_connections false");
            try {
                terminate(sql);
                until = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
                while (System.nanoTime() < until) {
                    readinessWentDown |= status(READINESS) == 503;
                    TimeUnit.MILLISECONDS.sleep(250);
                }
            }
            finally {
                sql.execute("alter database " + DATABASE + " allow_connections true");
            }
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                    .until(() -> status(READINESS) == 200);
            TimeUnit.SECONDS.sleep(3);
        }
        finally {
            running.set(false);
            load.shutdown();
            assertThat(load.awaitTermination(90, TimeUnit.SECONDS)).isTrue();
        }

        Map<String, Integer> counts = new TreeMap<>();
        statuses.forEach((key, count) -> counts.put(key, count.get()));
        System.out.println("Database outage: answers during the run " + counts);
        assertThat(counts.keySet()).as("answers under the fault").allMatch(key -> key.matches(
                "(GET 200 json|POST 201 json|(GET|POST) 503 problem)"));
        assertThat(counts).as("the fault was felt").containsKey("POST 503 problem");
        assertThat(readinessWentDown).as("readiness while the database refused connections").isTrue();
        assertThat(servicePid()).as("pipeline-service was not restarted").isEqualTo(pid);

        // after: everything answers, and exactly what was acknowledged was written
        Set<String> listed = ConcurrentHashMap.newKeySet();
        String cursor = null;
        do {
            var page = gateway.call("GET", "/api/v1/pipelines?limit=200" + (cursor == null ? "" : "&cursor=" + cursor),
                    admin, null, 200);
            page.get("items").forEach(item -> listed.add(item.get("id").asString()));
            cursor = page.hasNonNull("next_cursor") ? page.get("next_cursor").asString() : null;
        } while (cursor != null);
        assertThat(listed).as("pipelines listed after the fault: the ones acknowledged with 201")
                .containsExactlyInAnyOrderElementsOf(created);
    }

    private static void terminate(Statement sql) throws SQLException {
        sql.execute("select pg_terminate_backend(pid) from pg_stat_activity where datname = '" + DATABASE
                + "' and pid <> pg_backend_pid()");
    }

    private static long servicePid() {
        return ProcessHandle.allProcesses().filter(p -> p.info().commandLine().orElse("")
                .contains("pipeline-service.jar")).findFirst().orElseThrow().pid();
    }

    private static int status(String url) {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        }
        catch (Exception ex) {
            return -1;
        }
    }
}
