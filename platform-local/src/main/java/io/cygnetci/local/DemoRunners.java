package io.cygnetci.local;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One demo runner per demo tenant, registered through the gateway like any runner. The first start creates a
 * registration token as the tenant's admin and writes it into the runner's {@code runner.properties}; later
 * starts reuse the runner's work directory, so it is the same agent.
 */
final class DemoRunners {

    /** A demo tenant's runner: the tenant admin who creates its token, and its labels. */
    record DemoRunner(String tenantSlug, String adminEmail, String labels) {
    }

    static final List<DemoRunner> RUNNERS = List.of(
            new DemoRunner("acme-corp", "alice@acme-corp.example", "linux,docker,demo"),
            new DemoRunner("techstart", "carol@techstart.example", "linux,demo"),
            new DemoRunner("globalco", "dave@globalco.example", "linux,demo"));

    private static final Logger log = LoggerFactory.getLogger(DemoRunners.class);
    private static final Duration GATEWAY_CATCH_UP = Duration.ofSeconds(30);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final JsonMapper json = JsonMapper.builder().build();
    private final String gateway;
    private final LocalPaths paths;

    DemoRunners(String gatewayUrl, LocalPaths paths) {
        this.gateway = gatewayUrl;
        this.paths = paths;
    }

    List<LocalRunner> start() throws IOException, InterruptedException {
        List<LocalRunner> started = new ArrayList<>();
        Path jar = paths.serviceJar("runner");
        for (DemoRunner runner : RUNNERS) {
            Path workDir = paths.runnerWorkDir(runner.tenantSlug());
            ensureConfiguration(runner, workDir);
            started.add(LocalRunner.start(runner.tenantSlug(), jar, workDir, paths.logs()));
        }
        return started;
    }

    /** The registration token of a demo tenant's runner, for starting more runners of that tenant. */
    String token(String tenantSlug) throws IOException {
        return configuration(paths.runnerWorkDir(tenantSlug)).getProperty("token");
    }

    private void ensureConfiguration(DemoRunner runner, Path workDir) throws IOException, InterruptedException {
        Path file = workDir.resolve("runner.properties");
        if (Files.isRegularFile(file) && configuration(workDir).getProperty("token") != null) {
            return;
        }
        String admin = login(runner.adminEmail());
        String token = createToken(admin, "demo runner (platform-local)");
        Properties config = new Properties();
        config.setProperty("server-url", gateway);
        config.setProperty("token", token);
        config.setProperty("name", runner.tenantSlug() + "-demo-runner");
        config.setProperty("labels", runner.labels());
        config.setProperty("location", "platform-local");
        Files.deleteIfExists(file);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try (Writer writer = Files.newBufferedWriter(file)) {
            config.store(writer, "Demo runner of " + runner.tenantSlug() + ", written by platform-local");
        }
        log.info("Created a registration token for the {} demo runner", runner.tenantSlug());
    }

    private Properties configuration(Path workDir) throws IOException {
        Properties config = new Properties();
        Path file = workDir.resolve("runner.properties");
        if (Files.isRegularFile(file)) {
            try (Reader reader = Files.newBufferedReader(file)) {
                config.load(reader);
            }
        }
        return config;
    }

    private String login(String email) throws IOException, InterruptedException {
        return call("/api/v1/auth/token", null, Map.of("email", email, "password", DemoSeeder.DEMO_PASSWORD))
                .get("access_token").asString();
    }

    /** The gateway learns of new tenants by event: right after seeding it may not know them yet, so retry. */
    private String createToken(String admin, String description) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + GATEWAY_CATCH_UP.toNanos();
        while (true) {
            try {
                return call("/api/v1/agent-tokens", admin, Map.of("description", description)).get("token").asString();
            }
            catch (IllegalStateException ex) {
                if (System.nanoTime() > deadline) {
                    throw ex;
                }
                Thread.sleep(500);
            }
        }
    }

    private JsonNode call(String path, String token, Object body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(gateway + path))
                .timeout(Duration.ofSeconds(20)).header("Accept", "application/json")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body)));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException("POST " + path + " answered " + response.statusCode() + ": "
                    + new String(response.body(), StandardCharsets.UTF_8));
        }
        return json.readTree(response.body());
    }
}
