package io.cygnetci.pipeline.pipeline.domain;

import java.util.List;
import java.util.UUID;

/**
 * What a user defines: a pipeline runs on the bound agent, or else on any agent of the tenant carrying every one
 * of {@code agentLabels} (no labels: any agent).
 */
public record PipelineDefinition(String name, String description, String repository, String ref, UUID agentId,
        List<String> agentLabels, List<StepDefinition> steps, List<ParameterDefinition> parameters) {

    public PipelineDefinition {
        agentLabels = agentLabels == null ? List.of() : List.copyOf(agentLabels);
        parameters = parameters == null ? List.of() : List.copyOf(parameters);
        steps = List.copyOf(steps);
    }
}
