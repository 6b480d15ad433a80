package io.cygnetci.runner.job;

import java.util.Locale;

/** How a job ended, as reported to the server. */
public enum JobStatus {
    SUCCEEDED, FAILED, CANCELLED, TIMED_OUT;

    /** The name in the protocol: {@code timed_out}. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
