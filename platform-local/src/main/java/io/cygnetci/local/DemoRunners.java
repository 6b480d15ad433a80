package io.cygnetci.local;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
    private final GatewayCalls calls;
    private final String gateway;
    private final LocalPaths paths;

    DemoRunners(String gatewayUrl, LocalPaths paths) {
        this.gateway = gatewayUrl;
        this.calls = new GatewayCalls(gatewayUrl);
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
        String admin = calls.login(runner.adminEmail());
        String token = calls.callWhenKnown("POST", "/api/v1/agent-tokens", admin,
                Map.of("description", "demo runner (platform-local)")).get("token").asString();
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
}
