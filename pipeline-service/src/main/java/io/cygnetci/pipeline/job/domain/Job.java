package io.cygnetci.pipeline.job.domain;

import java.util.List;

import io.cygnetci.pipeline.execution.domain.Execution;
import io.cygnetci.pipeline.execution.domain.ExecutionStep;

/** An execution claimed by an agent, with what the runner needs to run it. */
public record Job(Execution execution, List<ExecutionStep> steps, String tenantSlug, long logLimitBytes) {
}
