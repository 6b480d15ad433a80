package io.cygnetci.pipeline.execution.domain;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One run of a pipeline, with the definition it was triggered with (later edits of the pipeline do not change it).
 *
 * @param number counts the pipeline's executions, from 1
 * @param reason why it ended as it did, when that is not obvious ({@code agent_lost}, {@code tenant_deactivated})
 * @param agentId the agent it must run on, or null: any agent carrying every one of {@code agentLabels}
 * @param parameters the values it runs with, including secret ones (never answered by the API)
 * @param claimedBy the agent that runs or ran it
 * @param retryOf the execution this one retries
 */
public record Execution(UUID id, UUID tenantId, UUID pipelineId, String pipelineName, int pipelineVersion,
        long number, String status, String reason, String repository, String ref, UUID agentId,
        List<String> agentLabels, Map<String, String> parameters, List<String> secretNames, UUID claimedBy,
        UUID retryOf, Origin origin, UUID triggeredBy, Instant cancelRequestedAt, Instant createdAt,
        Instant startedAt, Instant finishedAt, Long durationMs) {

    /** What started it when it is part of a deployment (release-service); all null otherwise. */
    public record Origin(UUID releaseId, UUID deploymentId, UUID environmentId) {

        public static final Origin NONE = new Origin(null, null, null);
    }

    public boolean finished() {
        return ExecutionStatus.FINAL.contains(status);
    }

    /** The parameters as they may be shown: secret values replaced. */
    public Map<String, String> visibleParameters() {
        Map<String, String> visible = new java.util.LinkedHashMap<>();
        parameters.forEach((name, value) -> visible.put(name, secretNames.contains(name) ? "****" : value));
        return visible;
    }
}
