package io.cygnetci.pipeline.execution.domain;

import java.util.Set;

/** {@code queued → running → succeeded | failed | cancelled | timed_out}, and the states of a step. */
public final class ExecutionStatus {

    public static final String QUEUED = "queued";
    public static final String RUNNING = "running";
    public static final String SUCCEEDED = "succeeded";
    public static final String FAILED = "failed";
    public static final String CANCELLED = "cancelled";
    public static final String TIMED_OUT = "timed_out";

    /** A step not started yet, or one that never ran because an earlier step ended the job. */
    public static final String PENDING = "pending";
    public static final String SKIPPED = "skipped";

    public static final Set<String> ALL = Set.of(QUEUED, RUNNING, SUCCEEDED, FAILED, CANCELLED, TIMED_OUT);
    public static final Set<String> FINAL = Set.of(SUCCEEDED, FAILED, CANCELLED, TIMED_OUT);
    public static final Set<String> STEP_RESULTS = Set.of(SUCCEEDED, FAILED, CANCELLED, TIMED_OUT, SKIPPED);

    private ExecutionStatus() {
    }
}
