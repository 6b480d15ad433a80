package io.cygnetci.runner.job;

import java.util.Locale;

/** How a step ended, as reported to the server. */
public enum StepStatus {
    SUCCEEDED, FAILED, TIMED_OUT, CANCELLED, SKIPPED;

    /** The name in the protocol: {@code timed_out}. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
