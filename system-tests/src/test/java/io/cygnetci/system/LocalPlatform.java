package io.cygnetci.system;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * The whole platform as a newcomer runs it ({@code platform-local}: embedded PostgreSQL and Kafka, every service
 * from its jar, the demo data and runners), in a JVM of its own, with its state in a fresh directory. It needs the
 * ports a newcomer's platform uses (8080-8085, 8090): a platform already running there fails the start.
 */
public final class LocalPlatform implements AutoCloseable {

    public static final String GATEWAY = "http://localhost:8080";
    private static final List<Integer> PORTS = List.of(8080, 8081, 8082, 8083, 8084, 8085, 8090);
    private static final Duration START_TIMEOUT = Duration.ofMinutes(6);

    private final Process process;
    private final Path output;
    public final Path state;
    private final int postgresPort;

    private LocalPlatform(Process process, Path output, Path state, int postgresPort) {
        this.process = process;
        this.output = output;
        this.state = state;
        this.postgresPort = postgresPort;
    }

    /**
     * The platform a developer already runs ({@code ./mvnw -Plocal package}, state in {@code .cygnetci}): for
     * running the system tests again and again without waiting minutes for a start each time.
     */
    static LocalPlatform running() {
        return new LocalPlatform(null, null, projectRoot().resolve(".cygnetci"),
                Integer.parseInt(System.getenv().getOrDefault("CYGNETCI_POSTGRES_PORT", "15432")));
    }

    static LocalPlatform start(Path dir) throws IOException, InterruptedException {
        for (int port : PORTS) {
            try (ServerSocket socket = new ServerSocket(port)) {
                socket.setReuseAddress(true);
            }
            catch (IOException ex) {
                throw new IllegalStateException("Port " + port + " is in use: stop the running platform before the "
                        + "system tests");
            }
        }
        Path state = Files.createDirectories(dir.resolve("state"));
        Path output = dir.resolve("platform.log");
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-Dcygnetci.state=" + state, "-Dcygnetci.root=" + projectRoot(),
                "-cp", System.getProperty("java.class.path"), "io.cygnetci.local.PlatformLocal")
                .redirectErrorStream(true).redirectOutput(output.toFile());
        Map<String, String> env = builder.environment();
        // its own embedded servers, whatever the machine offers: the newcomer's set-up
        env.remove("CYGNETCI_POSTGRES_URL");
        env.remove("KAFKA_BOOTSTRAP_SERVERS");
        // the gateway's per-tenant limits in Redis, as in production, when this machine has one (CI does)
        if (redisAnswers()) {
            env.put("CYGNETCI_RATE_LIMIT_STORE", "redis");
        }
        int postgresPort = freePort();
        env.put("CYGNETCI_POSTGRES_PORT", String.valueOf(postgresPort));
        LocalPlatform platform = new LocalPlatform(builder.start(), output, state, postgresPort);
        platform.awaitBanner();
        return platform;
    }

    private void awaitBanner() throws IOException {
        try {
            Awaitility.await().atMost(START_TIMEOUT).pollInterval(Duration.ofMillis(500)).until(() -> {
                if (!process.isAlive()) {
                    throw new IllegalStateException("platform-local exited with " + process.exitValue() + ":\n"
                            + tail(output()));
                }
                return output().contains("CygnetCI is running");
            });
        }
        catch (ConditionTimeoutException ex) {
            throw new IllegalStateException("platform-local did not start within " + START_TIMEOUT + ":\n"
                    + tail(output()));
        }
    }

    private String output() throws IOException {
        return Files.exists(output) ? Files.readString(output) : "";
    }

    /** The log of one of the platform's processes, e.g. {@code runner-acme-corp}. */
    public String log(String name) throws IOException {
        Path file = state.resolve("logs").resolve(name + ".log");
        return Files.exists(file) ? Files.readString(file) : "";
    }

    /** The embedded PostgreSQL's superuser JDBC URL (for the fault tests, which kill its sessions). */
    public String postgresAdminUrl() {
        return "jdbc:postgresql://127.0.0.1:" + postgresPort + "/postgres?user=postgres";
    }

    /** The embedded Kafka broker's address, as the services were given it. */
    public String kafkaBootstrapServers() throws IOException {
        java.util.regex.Matcher matcher = java.util.regex.Pattern.compile("bootstrap\\.servers = \\[([^\\]]+)]")
                .matcher(log("monitoring-service"));
        if (!matcher.find()) {
            throw new IllegalStateException("no Kafka address in monitoring-service's log");
        }
        return matcher.group(1);
    }

    /**
     * The process the embedded Kafka broker lives in (platform-local's own JVM: the services, PostgreSQL and the
     * runners are processes of their own).
     */
    public ProcessHandle kafkaProcess() {
        // the JVM that started the services: platform-local's, or Maven's under ./mvnw -Plocal package
        return ProcessHandle.allProcesses().filter(p -> p.info().commandLine().orElse("")
                .contains("tenant-service.jar")).findFirst().flatMap(ProcessHandle::parent)
                .orElseThrow(() -> new IllegalStateException("no platform-local process"));
    }

    @Override
    public void close() throws InterruptedException {
        if (process == null) {
            return;
        }
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    public static Path projectRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("platform-local")) && Files.isRegularFile(dir.resolve("pom.xml"))) {
                return dir;
            }
        }
        throw new IllegalStateException("not inside the CygnetCI project");
    }

    private static String tail(String log) {
        return log.length() <= 4000 ? log : log.substring(log.length() - 4000);
    }

    static boolean redisAnswers() {
        try (java.net.Socket socket = new java.net.Socket()) {
            socket.connect(new java.net.InetSocketAddress("127.0.0.1", 6379), 500);
            socket.setSoTimeout(500);
            socket.getOutputStream().write("PING\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            byte[] answer = new byte[5];
            return socket.getInputStream().read(answer) > 0 && new String(answer).startsWith("+PONG");
        }
        catch (IOException ex) {
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
