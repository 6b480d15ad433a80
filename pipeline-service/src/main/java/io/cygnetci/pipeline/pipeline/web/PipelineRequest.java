package io.cygnetci.pipeline.pipeline.web;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.cygnetci.pipeline.pipeline.domain.ParameterDefinition;
import io.cygnetci.pipeline.pipeline.domain.PipelineDefinition;
import io.cygnetci.pipeline.pipeline.domain.StepDefinition;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** A pipeline as a user writes it (create and replace). */
record PipelineRequest(@NotBlank @Size(max = 100) String name, @Size(max = 2000) String description,
        @Size(max = 500) String repository, @Size(max = 200) String ref, UUID agentId,
        @Size(max = 20) List<@NotNull @Pattern(regexp = LABEL) String> agentLabels,
        @NotNull @Size(min = 1, max = 50) List<@NotNull @Valid Step> steps,
        @Size(max = 50) List<@NotNull @Valid Parameter> parameters) {

    /** The label pattern of agent-service. */
    static final String LABEL = "^[A-Za-z0-9][A-Za-z0-9_.:/=-]{0,62}$";
    /** What a shell accepts as a variable name. */
    static final String ENV_NAME = "^[A-Za-z_][A-Za-z0-9_]{0,63}$";
    static final int DEFAULT_TIMEOUT_SECONDS = 3600;

    record Step(@NotBlank @Size(max = 100) String name, @NotBlank @Size(max = 10_000) String command,
            @Min(1) @Max(86_400) Integer timeoutSeconds, Boolean continueOnError,
            @Size(max = 50) Map<@NotNull @Pattern(regexp = ENV_NAME) String, @NotNull @Size(max = 4096) String> env) {
    }

    record Parameter(@NotNull @Pattern(regexp = ENV_NAME) String name,
            @JsonProperty("default") @Size(max = 4096) String defaultValue, Boolean required, Boolean secret) {
    }

    PipelineDefinition toDefinition() {
        return new PipelineDefinition(name.trim(), blankToNull(description), blankToNull(repository),
                blankToNull(ref), agentId, agentLabels,
                steps.stream().map(s -> new StepDefinition(s.name().trim(), s.command(),
                        s.timeoutSeconds() == null ? DEFAULT_TIMEOUT_SECONDS : s.timeoutSeconds(),
                        Boolean.TRUE.equals(s.continueOnError()), s.env())).toList(),
                parameters == null ? List.of() : parameters.stream().map(p -> new ParameterDefinition(p.name(),
                        p.defaultValue(), Boolean.TRUE.equals(p.required()), Boolean.TRUE.equals(p.secret())))
                        .toList());
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
