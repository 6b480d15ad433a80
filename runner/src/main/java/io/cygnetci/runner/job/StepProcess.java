package io.cygnetci.runner.job;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A step's command running in a shell ({@code /bin/sh -c}, on Windows {@code cmd.exe /c}), its stdout and stderr
 * merged and handed, as read, to a consumer on a thread of its own. Its standard input is closed at once: a
 * command waiting for input would wait forever.
 */
final class StepProcess {

    private static final Consumer<byte[]> DISCARD = bytes -> {
    };

    private final Process process;
    private final CountDownLatch outputEnded = new CountDownLatch(1);
    private final Set<ProcessHandle> seen = ConcurrentHashMap.newKeySet();
    private volatile Consumer<byte[]> output;

    private StepProcess(Process process, Consumer<byte[]> output) {
        this.process = process;
        this.output = output;
    }

    static StepProcess start(String command, Path directory, Map<String, String> env, Consumer<byte[]> output)
            throws IOException {
        ProcessBuilder builder = new ProcessBuilder(shell(command)).directory(directory.toFile())
                .redirectErrorStream(true);
        builder.environment().clear();
        builder.environment().putAll(env);
        Process process = builder.start();
        process.getOutputStream().close();
        StepProcess step = new StepProcess(process, output);
        Thread reader = new Thread(step::pump, "step-output-" + process.pid());
        reader.setDaemon(true);
        reader.start();
        return step;
    }

    static List<String> shell(String command) {
        return System.getProperty("os.name").toLowerCase(Locale.ROOT).startsWith("windows")
                ? List.of("cmd.exe", "/c", command)
                : List.of("/bin/sh", "-c", command);
    }

    /** Whether the shell exited within {@code time}. */
    boolean waitFor(Duration time) throws InterruptedException {
        return process.waitFor(time.toMillis(), TimeUnit.MILLISECONDS);
    }

    int exitCode() {
        return process.exitValue();
    }

    /** Notes the processes the shell has started, so they can be found after they leave its tree. */
    void noteDescendants() {
        if (process.isAlive()) {
            process.descendants().forEach(seen::add);
        }
    }

    /** The processes ever seen under the shell that still run (background processes it left behind). */
    List<ProcessHandle> leftovers() {
        return seen.stream().filter(ProcessTree::isRunning).toList();
    }

    /** Kills the shell and everything under it. */
    void kill(Duration grace) throws InterruptedException {
        ProcessTree.kill(process.toHandle(), seen, grace);
    }

    /**
     * Waits for the output's end: every process writing to it has exited or closed it.
     *
     * @return false when some process still holds the output open after {@code time}
     */
    boolean awaitOutputEnd(Duration time) throws InterruptedException {
        return outputEnded.await(time.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Drops the output from now on (what a background process left behind writes after its step). */
    void detachOutput() {
        output = DISCARD;
    }

    private void pump() {
        byte[] buffer = new byte[8192];
        try (InputStream in = process.getInputStream()) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                try {
                    output.accept(Arrays.copyOf(buffer, n));
                }
                catch (RuntimeException ex) {
                    // keep reading regardless: a full pipe would block the step
                    output = DISCARD;
                }
            }
        }
        catch (IOException ex) {
            // the stream was closed under us: that is its end
        }
        finally {
            outputEnded.countDown();
        }
    }
}
