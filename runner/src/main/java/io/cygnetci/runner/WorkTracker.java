package io.cygnetci.runner;

import java.util.concurrent.atomic.AtomicInteger;

/** Counts the work running on this agent, which a stopping runner waits for. */
public final class WorkTracker {

    private final AtomicInteger running = new AtomicInteger();

    public int running() {
        return running.get();
    }

    /** Call when a job starts; close the returned handle when it ends. */
    public AutoCloseable started() {
        running.incrementAndGet();
        return running::decrementAndGet;
    }
}
