package io.cygnetci.agent.registration;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import io.cygnetci.agent.AgentServiceApplication;
import io.cygnetci.agent.support.AgentApi;
import io.cygnetci.platform.test.jwt.JwksServer;
import io.cygnetci.platform.test.kafka.KafkaServer;
import io.cygnetci.platform.test.postgres.PostgresServer;
import io.cygnetci.platform.test.postgres.TestDatabase;
import io.cygnetci.runner.Console;
import io.cygnetci.runner.Runner;
import io.cygnetci.runner.RunnerMain;
import io.cygnetci.runner.WorkTracker;
import io.cygnetci.runner.api.AgentApiClient;
import io.cygnetci.runner.config.RunnerOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.web.reactive.server.WebTestClient;

import static io.cygnetci.agent.support.AgentApi.bearer;
import static io.cygnetci.agent.support.AgentApi.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The reference runner, as its own process, against a real agent-service: it registers, heartbeats with real
 * load figures, rides out a restart of the service without registering again, and stops cleanly on SIGTERM.
 */
class RunnerIntegrationTests {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    private final TestDatabase database = PostgresServer.get().createDatabase("agent_service");
    private final int port = freePort();
    private ConfigurableApplicationContext service;
    private Process runner;

    @AfterEach
    void tearDown() throws InterruptedException {
        if (runner != null && runner.isAlive()) {
            runner.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        if (service != null) {
            service.close();
        }
    }

    @Test
    void whenTheRunnerStartsThenItRegistersHeartbeatsSurvivesAServerRestartAndStopsOnSigterm() throws Exception {
        service = startService();
        UUID tenant = UUID.randomUUID();
        WebTestClient client = WebTestClient.bindToServer().baseUrl("http://localhost:" + port)
                .responseTimeout(Duration.ofSeconds(30)).build();
        String token = new AgentApi(client).registrationToken(tenant);
        Path workDir = dir.resolve("work");
        Path output = dir.resolve("runner.log");

        runner = new ProcessBuilder(javaBinary(), "-cp", runnerClasspath(), RunnerMain.class.getName(),
                "--server-url=http://localhost:" + port, "--token=" + token, "--name=it-runner",
                "--labels=linux,it", "--work-dir=" + workDir, "--max-backoff=2")
                .redirectErrorStream(true).redirectOutput(output.toFile()).start();

        awaitOutput(output, "registered as agent", 1);
        awaitOutput(output, "online: heartbeat every 1s", 1);
        assertThat(Files.getPosixFilePermissions(workDir.resolve("agent.properties")))
                .isEqualTo(PosixFilePermissions.fromString("rw-------"));
        JsonNode agent = await().atMost(PATIENCE).until(() -> onlyAgent(client, tenant),
                a -> a != null && "online".equals(a.get("status").asString()) && a.has("load"));
        assertThat(agent.get("name").asString()).isEqualTo("it-runner");
        assertThat(agent.get("load").get("memory_percent").asDouble()).isBetween(0.1, 100.0);
        assertThat(agent.get("labels").toString()).isEqualTo("[\"linux\",\"it\"]");

        service.close();
        awaitOutput(output, "heartbeat failed: cannot reach", 1);
        service = startService();
        awaitOutput(output, "online: heartbeat every 1s", 2);
        assertThat(read(output)).doesNotContain("registered again").doesNotContain("Exception")
                .doesNotContain("\tat ");
        assertThat(onlyAgent(client, tenant).get("id")).isEqualTo(agent.get("id"));

        runner.destroy();
        assertThat(runner.waitFor(30, TimeUnit.SECONDS)).as(read(output)).isTrue();
        assertThat(read(output)).contains("SIGTERM: stopping").contains("stopped (SIGTERM)");
        assertThat(runner.exitValue()).isEqualTo(143);
    }

    @Test
    void whenTheRegistrationTokenIsWrongThenTheRunnerSaysSoInOneLineAndExits() throws Exception {
        service = startService();
        Path output = dir.resolve("runner.log");
        runner = new ProcessBuilder(javaBinary(), "-cp", runnerClasspath(), RunnerMain.class.getName(),
                "--server-url=http://localhost:" + port, "--token=cygreg_wrong", "--work-dir=" + dir.resolve("w"))
                .redirectErrorStream(true).redirectOutput(output.toFile()).start();

        assertThat(runner.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(runner.exitValue()).isEqualTo(2);
        assertThat(read(output)).contains("registration refused: The registration token is unknown, expired or "
                + "revoked.").doesNotContain("Exception");
    }

    @Test
    void whenStoppedWhileWorkIsRunningThenTheRunnerKeepsHeartbeatingUntilTheWorkEnds() throws Exception {
        service = startService();
        UUID tenant = UUID.randomUUID();
        WebTestClient client = WebTestClient.bindToServer().baseUrl("http://localhost:" + port)
                .responseTimeout(Duration.ofSeconds(30)).build();
        String token = new AgentApi(client).registrationToken(tenant);
        java.io.ByteArrayOutputStream console = new java.io.ByteArrayOutputStream();
        WorkTracker work = new WorkTracker();
        Runner inProcess = new Runner(new RunnerOptions(java.net.URI.create("http://localhost:" + port), token,
                "draining", List.of(), null, dir.resolve("drain"), Duration.ofSeconds(2)),
                new AgentApiClient(java.net.URI.create("http://localhost:" + port), "test"), work,
                new Console(new java.io.PrintStream(console, true), java.time.Clock.systemUTC()), "test");
        AutoCloseable job = work.started();
        java.util.concurrent.CompletableFuture<Runner.Exit> exit =
                java.util.concurrent.CompletableFuture.supplyAsync(inProcess::run);
        await().atMost(PATIENCE).until(() -> console.toString().contains("online"));

        inProcess.requestStop("SIGTERM");
        JsonNode before = await().atMost(PATIENCE).until(() -> onlyAgent(client, tenant), a -> a != null
                && a.has("last_seen_at"));
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(onlyAgent(client, tenant).get("last_seen_at"))
                .isNotEqualTo(before.get("last_seen_at")));
        assertThat(exit).isNotDone();
        assertThat(console.toString()).contains("SIGTERM: finishing 1 running job(s) first, still heartbeating");

        job.close();
        assertThat(exit.get(30, TimeUnit.SECONDS)).isEqualTo(Runner.Exit.STOPPED);
        assertThat(console.toString()).contains("stopped (SIGTERM)");
    }

    private JsonNode onlyAgent(WebTestClient client, UUID tenant) {
        JsonNode items = client.get().uri("/api/v1/agents").headers(bearer(user(tenant, "viewer"))).exchange()
                .expectStatus().isOk().expectBody(JsonNode.class).returnResult().getResponseBody().get("items");
        return items.size() == 1 ? items.get(0) : null;
    }

    private ConfigurableApplicationContext startService() {
        Map<String, Object> properties = new HashMap<>(database.springProperties());
        properties.put("server.port", port);
        properties.put("spring.kafka.bootstrap-servers", KafkaServer.bootstrapServers());
        properties.put("spring.security.oauth2.resourceserver.jwt.issuer-uri", AgentApi.USER_ISSUER);
        properties.put("spring.security.oauth2.resourceserver.jwt.jwk-set-uri", JwksServer.shared().jwksUri());
        properties.put("cygnetci.agents.credentials.issuer", AgentApi.AGENT_ISSUER);
        // the key is kept in a file, so credentials outlive the restart as they do in production
        properties.put("cygnetci.agents.credentials.signing-key.location", dir.resolve("agent-key.pem").toString());
        properties.put("cygnetci.agents.credentials.signing-key.generate", true);
        properties.put("cygnetci.agents.heartbeat-interval", "1s");
        properties.put("cygnetci.agents.heartbeat-flush-interval", "100ms");
        properties.put("cygnetci.events.relay.poll-interval", "100ms");
        properties.put("spring.lifecycle.timeout-per-shutdown-phase", "5s");
        // as command-line arguments: above application.yml, as a deployment's environment would be
        return new SpringApplicationBuilder(AgentServiceApplication.class).run(properties.entrySet().stream()
                .map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new));
    }

    private static void awaitOutput(Path output, String text, int times) {
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                assertThat(read(output).split(java.util.regex.Pattern.quote(text), -1).length - 1)
                        .as("\"%s\" in:%n%s", text, read(output)).isGreaterThanOrEqualTo(times));
    }

    private static String read(Path output) throws IOException {
        return Files.exists(output) ? Files.readString(output) : "";
    }

    private static String runnerClasspath() throws Exception {
        return Path.of(RunnerMain.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
        catch (IOException ex) {
            throw new IllegalStateException(ex);
        }
    }

}
