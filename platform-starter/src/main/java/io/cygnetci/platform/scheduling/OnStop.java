package io.cygnetci.platform.scheduling;

import org.springframework.context.SmartLifecycle;

/**
 * Runs an action when the application stops, in a given lifecycle phase: a higher phase stops earlier (before the
 * web server's graceful shutdown, say), a lower one later (after the periodic tasks).
 */
public final class OnStop implements SmartLifecycle {

    private final int phase;
    private final Runnable action;
    private volatile boolean running;

    public OnStop(int phase, Runnable action) {
        this.phase = phase;
        this.action = action;
    }

    @Override
    public void start() {
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        action.run();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return phase;
    }
}
