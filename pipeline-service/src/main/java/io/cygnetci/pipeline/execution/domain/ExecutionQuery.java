package io.cygnetci.pipeline.execution.domain;

import java.time.Instant;
import java.util.UUID;

/** Filters of an execution list; null means "any". {@code from} inclusive, {@code to} exclusive (creation time). */
public record ExecutionQuery(String status, UUID pipelineId, Instant from, Instant to) {
}
