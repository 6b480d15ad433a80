package io.cygnetci.runner.load;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class LoadProbeTests {

    @Test
    void whenTheMachineIsReadThenMemoryAndDiskArePercentagesOfTheRealMachine(@TempDir Path dir) {
        LoadProbe.Load load = new LoadProbe(dir).read();

        assertThat(load.memoryPercent()).isBetween(0.1f, 100f);
        assertThat(load.diskPercent()).isBetween(0f, 100f);
        if (load.cpuPercent() != null) {
            assertThat(load.cpuPercent()).isBetween(0f, 100f);
        }
    }
}
