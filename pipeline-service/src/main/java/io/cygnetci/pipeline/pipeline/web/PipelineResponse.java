package io.cygnetci.pipeline.pipeline.web;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.cygnetci.pipeline.pipeline.domain.Pipeline;

/** A pipeline as the API answers it: a secret parameter shows whether it has a default, never the value. */
record PipelineResponse(UUID id, UUID tenantId, String name, String description, String repository, String ref,
        UUID agentId, List<String> agentLabels, List<Step> steps, List<Parameter> parameters, int version,
        UUID createdBy, Instant createdAt, Instant updatedAt) {

    record Step(String name, String command, int timeoutSeconds, boolean continueOnError, Map<String, String> env) {
    }

    record Parameter(String name, @JsonProperty("default") String defaultValue, boolean hasDefault,
            boolean required, boolean secret) {
    }

    static PipelineResponse of(Pipeline p) {
        return new PipelineResponse(p.id(), p.tenantId(), p.name(), p.description(), p.repository(), p.ref(),
                p.agentId(), p.agentLabels(),
                p.steps().stream().map(s -> new Step(s.name(), s.command(), s.timeoutSeconds(), s.continueOnError(),
                        s.env())).toList(),
                p.parameters().stream().map(x -> new Parameter(x.name(), x.secret() ? null : x.defaultValue(),
                        x.defaultValue() != null, x.required(), x.secret())).toList(),
                p.version(), p.createdBy(), p.createdAt(), p.updatedAt());
    }
}
