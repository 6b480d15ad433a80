package io.cygnetci.pipeline.execution.domain;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * A step of an execution.
 *
 * @param logReceived bytes of output the runner sent: the offset its next chunk must start at
 * @param logStored bytes kept (secrets masked, at most the per-step cap)
 */
public record ExecutionStep(UUID executionId, int index, String name, String command, int timeoutSeconds,
        boolean continueOnError, Map<String, String> env, String status, Integer exitCode, Instant startedAt,
        Instant finishedAt, Long durationMs, long logReceived, long logStored, boolean logTruncated) {

    public boolean finished() {
        return ExecutionStatus.STEP_RESULTS.contains(status);
    }
}
