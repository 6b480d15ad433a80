package io.cygnetci.pipeline.execution.domain;

import java.util.List;
import java.util.UUID;

/** A deployment release-service started: run these pipelines for that environment. */
public record DeploymentStart(UUID tenantId, UUID releaseId, UUID deploymentId, UUID environmentId,
        String environmentName, List<UUID> pipelineIds, UUID requestedBy) {

    public Execution.Origin origin() {
        return new Execution.Origin(releaseId, deploymentId, environmentId);
    }
}
