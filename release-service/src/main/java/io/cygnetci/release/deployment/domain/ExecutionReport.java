package io.cygnetci.release.deployment.domain;

import java.util.UUID;

/**
 * What pipeline-service reported about a deployment's pipeline: an execution's state ({@code executionId} null
 * when it could not even be started).
 */
public record ExecutionReport(UUID tenantId, UUID deploymentId, UUID pipelineId, UUID executionId, String status,
        String reason) {
}
