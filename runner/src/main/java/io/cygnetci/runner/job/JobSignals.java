package io.cygnetci.runner.job;

import java.time.Duration;

/**
 * What the server told the runner about a running job: that it is to be cancelled (any answer may carry
 * {@code cancel_requested}), or that it is no longer this agent's to run (abandoned: stop reporting).
 */
final class JobSignals {

    private boolean cancelRequested;
    private String abandonedBecause;
    private long lastAnswerNanos = System.nanoTime();

    /** Notes an answer of the server about the job (every one carries {@code cancel_requested}). */
    synchronized void cancelIf(boolean requested) {
        lastAnswerNanos = System.nanoTime();
        if (requested && !cancelRequested) {
            cancelRequested = true;
            notifyAll();
        }
    }

    /** When the server last answered about the job ({@link System#nanoTime()}). */
    synchronized long lastAnswerNanos() {
        return lastAnswerNanos;
    }

    synchronized boolean cancelRequested() {
        return cancelRequested;
    }

    synchronized void abandon(String because) {
        if (abandonedBecause == null) {
            abandonedBecause = because;
            notifyAll();
        }
    }

    synchronized boolean abandoned() {
        return abandonedBecause != null;
    }

    synchronized String abandonedBecause() {
        return abandonedBecause;
    }

    /** Waits, but not past the job being abandoned. */
    synchronized void pause(Duration time) throws InterruptedException {
        long deadline = System.nanoTime() + time.toNanos();
        long left;
        while (abandonedBecause == null && (left = deadline - System.nanoTime()) > 0) {
            wait(Math.max(1, left / 1_000_000));
        }
    }
}
