package io.cygnetci.pipeline.pipeline.domain;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A tenant's pipeline; {@code version} counts its definitions, starting at 1. */
public record Pipeline(UUID id, UUID tenantId, String name, String description, String repository, String ref,
        UUID agentId, List<String> agentLabels, List<StepDefinition> steps, List<ParameterDefinition> parameters,
        int version, UUID createdBy, Instant createdAt, Instant updatedAt) {

    public PipelineDefinition definition() {
        return new PipelineDefinition(name, description, repository, ref, agentId, agentLabels, steps, parameters);
    }
}
