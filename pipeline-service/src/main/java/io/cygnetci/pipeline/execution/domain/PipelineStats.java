package io.cygnetci.pipeline.execution.domain;

import java.time.Instant;

/** A pipeline's executions in numbers; durations over finished executions that ran. */
public record PipelineStats(long executions, long queued, long running, long succeeded, long failed, long cancelled,
        long timedOut, Double successRate, Long averageDurationMs, Long p95DurationMs, Instant lastExecutionAt) {
}
