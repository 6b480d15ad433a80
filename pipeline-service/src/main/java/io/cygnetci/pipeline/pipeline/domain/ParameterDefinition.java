package io.cygnetci.pipeline.pipeline.domain;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A value given when the pipeline is triggered, passed to every step as an environment variable of that name.
 *
 * @param defaultValue used when the trigger gives none; a secret's is never answered by the API
 * @param secret its value is never answered by the API and is masked in logs
 */
public record ParameterDefinition(String name, @JsonProperty("default") String defaultValue, boolean required,
        boolean secret) {
}
