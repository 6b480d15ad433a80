package io.cygnetci.pipeline.pipeline.web;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.cygnetci.pipeline.pipeline.domain.ParameterDefinition;
import io.cygnetci.pipeline.pipeline.domain.PipelineDefinition;
import io.cygnetci.pipeline.pipeline.domain.StepDefinition;
import io.cygnetci.platform.problem.BadRequestException;
import io.cygnetci.platform.problem.InvalidField;

/** What bean validation cannot say of a pipeline: rules across fields. */
final class PipelineRules {

    private PipelineRules() {
    }

    static PipelineDefinition check(PipelineDefinition d) {
        List<InvalidField> errors = new ArrayList<>();
        if (d.agentId() != null && !d.agentLabels().isEmpty()) {
            errors.add(new InvalidField("agent_labels", "give either agent_id or agent_labels, not both"));
        }
        Set<String> steps = new HashSet<>();
        for (int i = 0; i < d.steps().size(); i++) {
            StepDefinition step = d.steps().get(i);
            if (!steps.add(step.name().toLowerCase())) {
                errors.add(new InvalidField("steps[" + i + "].name", "another step has this name"));
            }
            for (String name : step.env().keySet()) {
                if (reserved(name)) {
                    errors.add(new InvalidField("steps[" + i + "].env." + name, "is set by the runner"));
                }
            }
        }
        Set<String> parameters = new HashSet<>();
        for (int i = 0; i < d.parameters().size(); i++) {
            ParameterDefinition p = d.parameters().get(i);
            if (!parameters.add(p.name())) {
                errors.add(new InvalidField("parameters[" + i + "].name", "another parameter has this name"));
            }
            if (reserved(p.name())) {
                errors.add(new InvalidField("parameters[" + i + "].name", "is set by the runner"));
            }
        }
        if (!errors.isEmpty()) {
            throw new BadRequestException("The pipeline is not valid.", errors);
        }
        return d;
    }

    /** Variables the runner sets for every step. */
    static boolean reserved(String name) {
        return name.equals("CI") || name.startsWith("CYGNETCI");
    }
}
