package io.cygnetci.runner.load;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;

import com.sun.management.OperatingSystemMXBean;

/** This machine's load as the heartbeat reports it: whole-system CPU and memory, and the work directory's disk. */
public final class LoadProbe {

    /** Percentages 0-100; null where the platform cannot tell. */
    public record Load(Float cpuPercent, Float memoryPercent, Float diskPercent) {
    }

    private final OperatingSystemMXBean os;
    private final Path workDir;

    public LoadProbe(Path workDir) {
        this.os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        this.workDir = workDir;
    }

    public Load read() {
        return new Load(cpu(), memory(), disk());
    }

    private Float cpu() {
        double load = os.getCpuLoad();
        return load < 0 ? null : percent(load);
    }

    private Float memory() {
        long total = os.getTotalMemorySize();
        return total <= 0 ? null : percent((double) (total - os.getFreeMemorySize()) / total);
    }

    private Float disk() {
        try {
            FileStore store = Files.getFileStore(Files.exists(workDir) ? workDir : workDir.getRoot());
            long total = store.getTotalSpace();
            return total <= 0 ? null : percent((double) (total - store.getUsableSpace()) / total);
        }
        catch (IOException ex) {
            return null;
        }
    }

    private static Float percent(double fraction) {
        return (float) Math.round(Math.min(1, Math.max(0, fraction)) * 1000) / 10;
    }
}
