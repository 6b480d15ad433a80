package io.cygnetci.pipeline.pipeline.domain;

import java.util.Map;

/** One step of a pipeline: a shell command run on the agent, in order with the others. */
public record StepDefinition(String name, String command, int timeoutSeconds, boolean continueOnError,
        Map<String, String> env) {

    public StepDefinition {
        env = env == null ? Map.of() : Map.copyOf(env);
    }
}
