package io.cygnetci.runner.job;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A step's environment: the runner's own, then the step's {@code env}, then the execution's parameters (values
 * given at trigger time win over the definition), then the {@code CI} and {@code CYGNETCI_*} variables.
 */
final class StepEnvironment {

    /** The runner's own secret, which a job's commands have no business reading. */
    static final String REGISTRATION_TOKEN = "CYGNETCI_REGISTRATION_TOKEN";

    private StepEnvironment() {
    }

    static Map<String, String> of(Map<String, String> runner, Job job, Job.Step step, Path workspace) {
        Map<String, String> env = new LinkedHashMap<>(runner);
        env.remove(REGISTRATION_TOKEN);
        step.env().forEach((name, value) -> putIfValid(env, name, value));
        for (Job.Parameter parameter : job.parameters()) {
            putIfValid(env, parameter.name(), parameter.value());
        }
        env.put("CI", "true");
        env.put("CYGNETCI", "true");
        env.put("CYGNETCI_EXECUTION_ID", job.executionId().toString());
        env.put("CYGNETCI_EXECUTION_NUMBER", Long.toString(job.number()));
        putIfSet(env, "CYGNETCI_PIPELINE_ID", job.pipelineId() == null ? null : job.pipelineId().toString());
        putIfSet(env, "CYGNETCI_PIPELINE_NAME", job.pipelineName());
        putIfSet(env, "CYGNETCI_TENANT", job.tenantSlug());
        putIfSet(env, "CYGNETCI_STEP_NAME", step.name());
        env.put("CYGNETCI_STEP_INDEX", Integer.toString(step.index()));
        putIfSet(env, "CYGNETCI_REPOSITORY", job.repository());
        putIfSet(env, "CYGNETCI_REF", job.ref());
        env.put("CYGNETCI_WORKSPACE", workspace.toString());
        return env;
    }

    /** Leaves out what no operating system takes as a variable (it would fail the step's start). */
    private static void putIfValid(Map<String, String> env, String name, String value) {
        if (name != null && !name.isEmpty() && name.indexOf('=') < 0 && name.indexOf('\0') < 0 && value != null
                && value.indexOf('\0') < 0) {
            env.put(name, value);
        }
    }

    /** Sets the variable, or unsets it: a value inherited from the runner's environment would be wrong. */
    private static void putIfSet(Map<String, String> env, String name, String value) {
        if (value != null && !value.isEmpty()) {
            env.put(name, value);
        }
        else {
            env.remove(name);
        }
    }
}
