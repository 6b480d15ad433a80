package io.cygnetci.pipeline.job.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.cygnetci.pipeline.execution.domain.Execution;
import io.cygnetci.pipeline.job.domain.Job;

/** What the job protocol answers a runner. */
final class JobResponses {

    private JobResponses() {
    }

    record JobPayload(UUID jobId, UUID executionId, long number, UUID pipelineId, String pipelineName, UUID tenantId,
            String tenantSlug, String repository, String ref, List<Parameter> parameters, List<Step> steps,
            long logLimitBytes, boolean cancelRequested) {
    }

    /** A parameter's value, secret ones included: the runner needs them, and masks them in what it uploads. */
    record Parameter(String name, String value, boolean secret) {
    }

    record Step(int index, String name, String command, int timeoutSeconds, boolean continueOnError,
            Map<String, String> env) {
    }

    record Logged(long nextOffset, boolean truncated, boolean cancelRequested) {
    }

    static JobPayload of(Job job) {
        Execution e = job.execution();
        List<Parameter> parameters = new ArrayList<>();
        e.parameters().forEach((name, value) -> parameters.add(new Parameter(name, value,
                e.secretNames().contains(name))));
        return new JobPayload(e.id(), e.id(), e.number(), e.pipelineId(), e.pipelineName(), e.tenantId(),
                job.tenantSlug(), e.repository(), e.ref(), parameters,
                job.steps().stream().map(s -> new Step(s.index(), s.name(), s.command(), s.timeoutSeconds(),
                        s.continueOnError(), s.env())).toList(),
                job.logLimitBytes(), e.cancelRequestedAt() != null);
    }
}
