package io.cygnetci.runner.job;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A job as the server hands it out: one execution of a pipeline, all of whose steps run in order on this agent.
 *
 * @param jobId the job, which is the execution ({@code executionId} is the same id)
 * @param number the execution's number within its pipeline (#12)
 * @param tenantSlug names the tenant's directory of workspaces
 * @param repository the pipeline's repository, or null
 * @param ref the branch, tag or commit to build, or null
 * @param parameters the execution's parameters, the secret ones masked in the uploaded output
 * @param logLimitBytes the most of a step's output the server keeps; beyond it the server discards
 * @param cancelRequested cancelled before it even started: every step is reported skipped
 */
public record Job(UUID jobId, UUID executionId, long number, UUID pipelineId, String pipelineName, UUID tenantId,
        String tenantSlug, String repository, String ref, List<Parameter> parameters, List<Step> steps,
        long logLimitBytes, boolean cancelRequested) {

    public Job {
        parameters = List.copyOf(parameters);
        steps = List.copyOf(steps);
    }

    /** A value given to the execution, exported to every step as an environment variable of its name. */
    public record Parameter(String name, String value, boolean secret) {
    }

    /**
     * A shell command to run.
     *
     * @param index the step's place in the pipeline, as the server numbers it in its URLs
     * @param timeoutSeconds after this long the step's processes are killed; 0 for no limit
     * @param continueOnError a failed or timed-out step does not stop the job
     * @param env variables for this step, overridden by parameters of the same name
     */
    public record Step(int index, String name, String command, long timeoutSeconds, boolean continueOnError,
            Map<String, String> env) {

        public Step {
            env = Map.copyOf(env);
        }
    }
}
