package io.cygnetci.pipeline.execution.web;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.cygnetci.pipeline.execution.domain.Execution;
import io.cygnetci.pipeline.execution.domain.ExecutionStep;

/**
 * An execution as the API answers it: secret parameter values show as {@code ****}; {@code steps} only on a
 * single execution. {@code agent_id} is the agent that claimed it.
 */
public record ExecutionResponse(UUID id, UUID pipelineId, String pipelineName, int pipelineVersion, long number,
        String status, String reason, String repository, String ref, Map<String, String> parameters,
        Selector runsOn, UUID agentId, UUID retryOf, UUID releaseId, UUID deploymentId, UUID environmentId,
        UUID triggeredBy, boolean cancelRequested, Instant createdAt, Instant startedAt, Instant finishedAt,
        Long durationMs, List<Step> steps) {

    /** Which agents may run it. */
    public record Selector(UUID agentId, List<String> agentLabels) {
    }

    public record Step(int index, String name, String command, int timeoutSeconds, boolean continueOnError,
            String status, Integer exitCode, Instant startedAt, Instant finishedAt, Long durationMs, long logSize,
            boolean logTruncated) {
    }

    public static ExecutionResponse of(Execution e, List<ExecutionStep> steps) {
        return new ExecutionResponse(e.id(), e.pipelineId(), e.pipelineName(), e.pipelineVersion(), e.number(),
                e.status(), e.reason(), e.repository(), e.ref(), e.visibleParameters(),
                new Selector(e.agentId(), e.agentLabels()), e.claimedBy(), e.retryOf(), e.origin().releaseId(),
                e.origin().deploymentId(), e.origin().environmentId(), e.triggeredBy(),
                e.cancelRequestedAt() != null, e.createdAt(), e.startedAt(), e.finishedAt(), e.durationMs(),
                steps == null ? null : steps.stream().map(s -> new Step(s.index(), s.name(), s.command(),
                        s.timeoutSeconds(), s.continueOnError(), s.status(), s.exitCode(), s.startedAt(),
                        s.finishedAt(), s.durationMs(), s.logStored(), s.logTruncated())).toList());
    }
}
