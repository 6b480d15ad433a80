package io.cygnetci.runner.job;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Kills a step's processes: politely (SIGTERM), then forcibly those still running after a grace period. */
final class ProcessTree {

    private ProcessTree() {
    }

    /**
     * Kills {@code root}'s descendants, then {@code root}, and the {@code others} (processes seen in the tree
     * earlier, which may have left it since); forcibly after {@code grace}.
     *
     * @param root the step's shell, or null when it is gone already
     */
    static void kill(ProcessHandle root, Collection<ProcessHandle> others, Duration grace)
            throws InterruptedException {
        Set<ProcessHandle> all = new LinkedHashSet<>();
        if (root != null) {
            // read the tree before killing anything: a killed parent's children leave it
            all.addAll(root.descendants().toList());
        }
        all.addAll(others);
        if (root != null) {
            all.add(root);
        }
        all.forEach(ProcessHandle::destroy);
        long deadline = System.nanoTime() + grace.toNanos();
        while (all.stream().anyMatch(ProcessTree::isRunning) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        List<ProcessHandle> left = new ArrayList<>(all.stream().filter(ProcessTree::isRunning).toList());
        if (root != null && isRunning(root)) {
            left.addAll(0, root.descendants().toList());
        }
        left.forEach(ProcessHandle::destroyForcibly);
    }

    /**
     * Whether a process still runs. A zombie does not: it has exited, only its parent has not collected it, and
     * where the reaper (PID 1 of a container) never does, {@link ProcessHandle#isAlive()} would say yes forever.
     */
    static boolean isRunning(ProcessHandle process) {
        if (!process.isAlive()) {
            return false;
        }
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
            int state = stat.lastIndexOf(')') + 2;
            return state >= stat.length() || (stat.charAt(state) != 'Z' && stat.charAt(state) != 'X');
        }
        catch (IOException | RuntimeException ex) {
            // no /proc (macOS), or the process just went: isAlive said what there is to say
            return process.isAlive();
        }
    }
}
