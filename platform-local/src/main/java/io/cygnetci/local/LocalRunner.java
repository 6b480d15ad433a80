package io.cygnetci.local;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A demo runner (the {@code runner} module's jar) as its own process, configured by the
 * {@code runner.properties} in its work directory. Stopping it sends SIGTERM: it finishes its work, then exits.
 */
final class LocalRunner implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LocalRunner.class);

    private final String name;
    private final Process process;

    private LocalRunner(String name, Process process) {
        this.name = name;
        this.process = process;
    }

    static LocalRunner start(String name, Path jar, Path workDir, Path logs) throws IOException {
        Path logFile = logs.resolve("runner-" + name + ".log");
        ProcessBuilder builder = new ProcessBuilder(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx64m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-jar", jar.toString(), "--work-dir=" + workDir))
                .redirectErrorStream(true)
                .redirectOutput(logFile.toFile());
        log.info("Starting runner {} (log: {})", name, logFile);
        return new LocalRunner(name, builder.start());
    }

    @Override
    public void close() throws InterruptedException {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            log.warn("Runner {} did not stop within 30 s", name);
            process.destroyForcibly();
        }
    }
}
