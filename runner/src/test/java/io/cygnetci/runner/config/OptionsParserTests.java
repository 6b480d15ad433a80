package io.cygnetci.runner.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OptionsParserTests {

    @Test
    void whenAnOptionIsGivenSeveralWaysThenTheFlagBeatsTheEnvironmentWhichBeatsTheFile(@TempDir Path dir)
            throws Exception {
        Path config = Files.writeString(dir.resolve("runner.properties"), """
                server-url=https://file.example
                name=from-file
                labels=file-label
                location=file-room
                token=cygreg_file
                """);

        RunnerOptions options = OptionsParser.parse(
                new String[] { "--config=" + config, "--name=from-flag", "--work-dir=" + dir },
                Map.of("CYGNETCI_RUNNER_NAME", "from-env", "CYGNETCI_RUNNER_LABELS", "a, b ,,c",
                        "CYGNETCI_SERVER_URL", "http://env.example:8080/"));

        assertThat(options.name()).isEqualTo("from-flag");
        assertThat(options.labels()).isEqualTo(List.of("a", "b", "c"));
        assertThat(options.serverUrl().toString()).isEqualTo("http://env.example:8080");
        assertThat(options.location()).isEqualTo("file-room");
        assertThat(options.registrationToken()).isEqualTo("cygreg_file");
        assertThat(options.workDir()).isEqualTo(dir.toAbsolutePath());
    }

    @Test
    void whenTheWorkDirectoryHoldsARunnerPropertiesFileThenItIsRead(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("runner.properties"), "token=cygreg_in_workdir\nmax-backoff=5\n");

        RunnerOptions options = OptionsParser.parse(new String[] { "--work-dir=" + dir }, Map.of());

        assertThat(options.registrationToken()).isEqualTo("cygreg_in_workdir");
        assertThat(options.maxBackoff()).isEqualTo(Duration.ofSeconds(5));
        assertThat(options.serverUrl().toString()).isEqualTo("http://localhost:8080");
        assertThat(options.name()).isNotBlank();
        assertThat(options.concurrency()).isEqualTo(1);
        assertThat(options.keepWorkspaces()).isFalse();
    }

    @Test
    void whenConcurrencyAndKeepingWorkspacesAreAskedForThenTheyAreRead(@TempDir Path dir) throws Exception {
        RunnerOptions fromFlags = OptionsParser.parse(
                new String[] { "--work-dir=" + dir, "--concurrency=4", "--keep-workspaces" }, Map.of());
        RunnerOptions fromEnv = OptionsParser.parse(new String[] { "--work-dir=" + dir },
                Map.of("CYGNETCI_RUNNER_CONCURRENCY", "3", "CYGNETCI_RUNNER_KEEP_WORKSPACES", "TRUE"));
        Files.writeString(dir.resolve("runner.properties"), "concurrency=2\nkeep-workspaces=yes\n");
        RunnerOptions fromFile = OptionsParser.parse(new String[] { "--work-dir=" + dir, "--keep-workspaces=false" },
                Map.of());

        assertThat(fromFlags.concurrency()).isEqualTo(4);
        assertThat(fromFlags.keepWorkspaces()).isTrue();
        assertThat(fromEnv.concurrency()).isEqualTo(3);
        assertThat(fromEnv.keepWorkspaces()).isTrue();
        assertThat(fromFile.concurrency()).isEqualTo(2);
        assertThat(fromFile.keepWorkspaces()).isFalse();
    }

    @Test
    void whenAnOptionIsWrongThenTheMessageSaysWhich() {
        assertThatThrownBy(() -> OptionsParser.parse(new String[] { "--colour=red" }, Map.of()))
                .hasMessageContaining("--colour");
        assertThatThrownBy(() -> OptionsParser.parse(new String[] { "token" }, Map.of()))
                .hasMessageContaining("options look like --name=value");
        assertThatThrownBy(() -> OptionsParser.parse(new String[] { "--server-url=ftp://x" }, Map.of()))
                .hasMessageContaining("http(s) URL");
        assertThatThrownBy(() -> OptionsParser.parse(new String[] { "--max-backoff=soon" }, Map.of()))
                .hasMessageContaining("seconds");
        assertThatThrownBy(() -> OptionsParser.parse(new String[] { "--concurrency=0" }, Map.of()))
                .hasMessageContaining("--concurrency must be a whole number from 1 to 64");
        assertThatThrownBy(() -> OptionsParser.parse(new String[] { "--concurrency=many" }, Map.of()))
                .hasMessageContaining("--concurrency");
        assertThatThrownBy(() -> OptionsParser.parse(new String[] { "--keep-workspaces=maybe" }, Map.of()))
                .hasMessageContaining("--keep-workspaces must be true or false");
        assertThatThrownBy(() -> OptionsParser.parse(new String[] { "--concurrency" }, Map.of()))
                .hasMessageContaining("options look like --name=value");
    }

    @Test
    void whenHelpIsAskedThenEveryOptionAndItsVariableIsExplained() {
        String help = OptionsParser.help();
        assertThat(OptionsParser.wantsHelp(new String[] { "--help" })).isTrue();
        for (OptionsParser.Option option : OptionsParser.OPTIONS) {
            assertThat(help).contains("--" + option.key()).contains(option.env()).contains(option.help());
        }
    }
}
