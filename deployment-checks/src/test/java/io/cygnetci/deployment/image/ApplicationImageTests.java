package io.cygnetci.deployment.image;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.cygnetci.deployment.ApplicationEnvironment;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * The images {@code ./mvnw -Pimages package} builds (target/jib-image.tar): named after the module, run as user
 * 10001 with the JVM's container settings, every class path entry present, and — where the test runs as root — the
 * image's own Java started in its own file system as user 10001 (the runner prints its usage). Skipped when the
 * images have not been built.
 */
class ApplicationImageTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path rootfs;

    @ParameterizedTest
    @ValueSource(strings = {"tenant-service", "agent-service", "pipeline-service", "release-service",
            "monitoring-service", "gateway", "runner"})
    void whenAnApplicationsImageIsBuiltThenItRunsAsNonRootWithEverythingItsEntrypointNeeds(String app)
            throws Exception {
        Path tar = ApplicationEnvironment.ROOT.resolve(app).resolve("target/jib-image.tar");
        assumeThat(tar).as("images built with ./mvnw -Pimages package").exists();
        Path image = rootfs.resolve("image");
        Path fs = rootfs.resolve("fs");
        Files.createDirectories(image);
        Files.createDirectories(fs);
        run(List.of("tar", "-xf", tar.toString(), "-C", image.toString()));

        JsonNode manifest = JSON.readTree(image.resolve("manifest.json").toFile()).get(0);
        assertThat(manifest.get("RepoTags").get(0).asString()).startsWith("cygnetci/" + app + ":");
        JsonNode config = JSON.readTree(image.resolve(manifest.get("Config").asString()).toFile()).get("config");
        assertThat(config.get("User").asString()).isEqualTo("10001:10001");
        List<String> entrypoint = config.get("Entrypoint").valueStream().map(JsonNode::asString).toList();
        assertThat(entrypoint).startsWith("java").contains("-XX:MaxRAMPercentage=75", "-XX:+ExitOnOutOfMemoryError");
        assertThat(config.get("Env").valueStream().map(JsonNode::asString)).contains("PATH=/opt/java/bin:/bin");
        assertThat(config.get("Labels").get("org.opencontainers.image.title").asString()).isEqualTo(app);

        for (JsonNode layer : manifest.get("Layers")) {
            run(List.of("tar", "-xzf", image.resolve(layer.asString()).toString(), "-C", fs.toString()));
        }
        assertThat(Files.getPosixFilePermissions(fs.resolve("opt/java/bin/java")))
                .contains(PosixFilePermission.OTHERS_EXECUTE);
        assertThat(Files.getPosixFilePermissions(fs.resolve("bin/sh"))).contains(PosixFilePermission.OTHERS_EXECUTE);
        String mainClass = entrypoint.get(entrypoint.size() - 1);
        assertThat(fs.resolve("app/classes/" + mainClass.replace('.', '/') + ".class")).exists();
        for (String entry : Files.readString(fs.resolve("app/jib-classpath-file")).trim().split(":")) {
            assertThat(fs.resolve(entry.substring(1))).as("class path entry " + entry).exists();
        }

        assumeThat(System.getProperty("user.name")).as("chroot needs root").isEqualTo("root");
        Path proc = fs.resolve("proc");
        Files.createDirectories(proc);
        run(List.of("mount", "-t", "proc", "proc", proc.toString()));
        try {
            List<String> command = new ArrayList<>(List.of("chroot", "--userspec=10001:10001", fs.toString(),
                    "/opt/java/bin/java"));
            if (app.equals("runner")) {
                command.addAll(entrypoint.subList(1, entrypoint.size()));
                command.add("--help");
                assertThat(run(command)).contains("Usage: java -jar runner.jar");
            }
            else {
                command.add("-version");
                assertThat(run(command)).contains("openjdk version \"17");
            }
            assertThat(run(List.of("chroot", "--userspec=10001:10001", fs.toString(), "/bin/sh", "-c",
                    "id -u && test -w /tmp && wget --help 2>&1 | head -1"))).contains("10001").contains("BusyBox");
        }
        finally {
            run(List.of("umount", proc.toString()));
        }
    }

    private static String run(List<String> command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(Map.of("PATH", "/opt/java/bin:/bin:/usr/sbin:/usr/bin:/sbin"));
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(String.join(" ", command) + ": " + output).isZero();
        return output;
    }
}
