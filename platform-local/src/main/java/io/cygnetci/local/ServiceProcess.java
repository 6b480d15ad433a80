package io.cygnetci.local;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One service, run from its jar as a child process with its log in {@code .cygnetci/logs/<name>.log}. */
final class ServiceProcess implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ServiceProcess.class);
    private static final Duration READY_TIMEOUT = Duration.ofMinutes(3);
    private static final String DEFAULT_JVM_OPTIONS = "-Xmx512m -XX:+UseSerialGC -XX:TieredStopAtLevel=1";

    private final String name;
    private final int port;
    private final Path logFile;
    private final Process process;

    private ServiceProcess(String name, int port, Path logFile, Process process) {
        this.name = name;
        this.port = port;
        this.logFile = logFile;
        this.process = process;
    }

    static ServiceProcess start(String name, Path jar, int port, Map<String, String> env, Path logs) throws IOException {
        ensureFree(name, port);
        Path logFile = logs.resolve(name + ".log");
        List<String> command = new ArrayList<>();
        command.add(javaBinary());
        command.addAll(List.of(jvmOptions().trim().split("\\s+")));
        command.addAll(List.of("-jar", jar.toString()));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(logFile.toFile());
        builder.environment().putAll(env);
        builder.environment().put("PORT", Integer.toString(port));
        log.info("Starting {} on port {} (log: {})", name, port, logFile);
        return new ServiceProcess(name, port, logFile, builder.start());
    }

    /** Waits until the readiness probe answers 200; fails fast when the process dies. */
    void awaitReady() throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest probe = HttpRequest.newBuilder(URI.create(baseUrl() + "/actuator/health/readiness"))
                .timeout(Duration.ofSeconds(2)).build();
        Instant deadline = Instant.now().plus(READY_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + "; see " + logFile
                        + "\n" + tail());
            }
            try {
                if (http.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    log.info("{} is ready at {}", name, baseUrl());
                    return;
                }
            }
            catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException(name + " was not ready within " + READY_TIMEOUT + "; see " + logFile);
    }

    String baseUrl() {
        return "http://localhost:" + port;
    }

    String name() {
        return name;
    }

    /** Asks the service to stop (SIGTERM: graceful shutdown), then insists. */
    @Override
    public void close() throws InterruptedException {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }

    private String tail() {
        try {
            List<String> lines = Files.readAllLines(logFile);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        }
        catch (IOException ex) {
            return "(no log)";
        }
    }

    private static void ensureFree(String name, int port) {
        try (ServerSocket socket = new ServerSocket(port)) {
            socket.setReuseAddress(true);
        }
        catch (IOException ex) {
            throw new IllegalStateException("Port " + port + " for " + name + " is in use: stop whatever listens there");
        }
    }

    /**
     * C1 only by default: the services start in half the time on a small machine. Benchmarks want the full JIT:
     * {@code CYGNETCI_SERVICE_JVM_OPTS="-Xmx512m -XX:+UseSerialGC"}.
     */
    private static String jvmOptions() {
        String options = System.getenv("CYGNETCI_SERVICE_JVM_OPTS");
        return options == null || options.isBlank() ? DEFAULT_JVM_OPTIONS : options;
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
