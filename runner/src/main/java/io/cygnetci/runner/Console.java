package io.cygnetci.runner;

import java.io.PrintStream;
import java.time.Clock;
import java.time.temporal.ChronoUnit;

/** What the runner tells its operator: one timestamped line per state change, never a stack trace. */
public final class Console {

    private final PrintStream out;
    private final Clock clock;

    public Console(PrintStream out, Clock clock) {
        this.out = out;
        this.clock = clock;
    }

    public void say(String message) {
        out.println(clock.instant().truncatedTo(ChronoUnit.SECONDS) + " [runner] " + message);
        out.flush();
    }
}
