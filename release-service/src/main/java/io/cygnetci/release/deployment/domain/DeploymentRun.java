package io.cygnetci.release.deployment.domain;

import java.util.List;
import java.util.UUID;

/** A pipeline of a deployment, and the execution pipeline-service runs it as. */
public record DeploymentRun(UUID deploymentId, UUID pipelineId, String pipelineName, UUID executionId,
        String status, String reason) {

    public static final String PENDING = "pending";
    public static final String SUCCEEDED = "succeeded";
    public static final String NOT_STARTED = "not_started";
    /** How an execution can end without success. */
    public static final List<String> UNSUCCESSFUL = List.of("failed", "cancelled", "timed_out", NOT_STARTED);
}
