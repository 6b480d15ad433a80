package io.cygnetci.runner.job;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@Timeout(60)
@DisabledOnOs(OS.WINDOWS)
class StepProcessTests {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream output = new ByteArrayOutputStream();

    private StepProcess start(String command, Map<String, String> env) throws Exception {
        return StepProcess.start(command, dir, env, bytes -> {
            synchronized (output) {
                output.writeBytes(bytes);
            }
        });
    }

    private String output() {
        synchronized (output) {
            return output.toString(StandardCharsets.UTF_8);
        }
    }

    @Test
    void whenTheCommandEndsThenItsExitCodeAndItsMergedOutputAreThere() throws Exception {
        StepProcess process = start("echo out; echo err >&2; exit 3", Map.of());

        assertThat(process.waitFor(Duration.ofSeconds(10))).isTrue();
        assertThat(process.awaitOutputEnd(Duration.ofSeconds(10))).isTrue();

        assertThat(process.exitCode()).isEqualTo(3);
        assertThat(output()).isEqualTo("out\nerr\n");
    }

    @Test
    void whenTheCommandRunsThenItSeesItsEnvironmentAndWorkingDirectoryAndNoInput() throws Exception {
        Map<String, String> env = new HashMap<>(Map.of("PATH", System.getenv("PATH"), "GREETING", "hello world"));

        StepProcess process = start("echo \"$GREETING\"; pwd; cat; echo \"home=${HOME:-unset}\"", env);

        assertThat(process.waitFor(Duration.ofSeconds(10))).isTrue();
        assertThat(process.awaitOutputEnd(Duration.ofSeconds(10))).isTrue();
        assertThat(process.exitCode()).isZero();
        // only the given environment: nothing of the test's own (HOME) leaks in
        assertThat(output()).isEqualTo("hello world\n" + dir.toRealPath() + "\nhome=unset\n");
    }

    @Test
    void whenKilledThenTheShellAndTheProcessesItStartedEndQuickly() throws Exception {
        StepProcess process = start("sleep 30 & echo $! > child.pid; sleep 30", Map.of("PATH", System.getenv("PATH")));
        await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(dir.resolve("child.pid"))
                && !Files.readString(dir.resolve("child.pid")).isBlank());
        ProcessHandle child = ProcessHandle.of(Long.parseLong(Files.readString(dir.resolve("child.pid")).trim()))
                .orElseThrow();
        long started = System.nanoTime();

        process.kill(Duration.ofSeconds(5));

        assertThat(process.waitFor(Duration.ofSeconds(10))).isTrue();
        assertThat(ProcessTree.isRunning(child)).isFalse();
        assertThat(process.awaitOutputEnd(Duration.ofSeconds(10))).isTrue();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void whenABackgroundProcessKeepsTheOutputOpenThenItIsALeftoverAndTheOutputCanBeLetGo() throws Exception {
        StepProcess process = start("sleep 30 & echo started; sleep 0.5", Map.of("PATH", System.getenv("PATH")));
        // the background sleep is only in the shell's tree while the shell runs: look as the executor does
        while (!process.waitFor(Duration.ofMillis(20))) {
            process.noteDescendants();
        }

        assertThat(process.exitCode()).isZero();
        assertThat(process.awaitOutputEnd(Duration.ofMillis(300))).isFalse();
        process.detachOutput();
        assertThat(output()).isEqualTo("started\n");
        assertThat(process.leftovers()).hasSize(1);

        ProcessTree.kill(null, process.leftovers(), Duration.ofSeconds(5));

        assertThat(process.leftovers()).isEmpty();
        assertThat(process.awaitOutputEnd(Duration.ofSeconds(10))).isTrue();
    }
}
