package io.cygnetci.pipeline.execution.event;

import java.time.Instant;
import java.util.UUID;

import io.cygnetci.pipeline.execution.domain.Execution;
import io.cygnetci.pipeline.execution.domain.ExecutionStep;
import io.cygnetci.platform.events.OutboxEvent;

/**
 * Execution lifecycle on {@code cygnetci.pipeline-executions.v1} (through the outbox, keyed by tenant id); JSON
 * Schemas in {@code docs/events/}. Billing consumers take build minutes from {@code finished} ({@code duration_ms},
 * {@code agent_id}). Parameter values never leave the service.
 */
public final class ExecutionEvents {

    public static final String TOPIC = "cygnetci.pipeline-executions.v1";

    public static final String QUEUED = "io.cygnetci.execution.queued.v1";
    public static final String STARTED = "io.cygnetci.execution.started.v1";
    public static final String STEP_FINISHED = "io.cygnetci.execution.step-finished.v1";
    public static final String FINISHED = "io.cygnetci.execution.finished.v1";
    /** A deployment's pipeline that could not be queued at all (deleted, parameters, tenant deactivated). */
    public static final String NOT_STARTED = "io.cygnetci.execution.not-started.v1";

    private ExecutionEvents() {
    }

    /** The execution after the change; {@code agent_id} is the agent that claimed it. */
    public record ExecutionSnapshot(UUID executionId, UUID tenantId, UUID pipelineId, String pipelineName,
            long number, String status, String reason, UUID agentId, UUID retryOf, UUID releaseId,
            UUID deploymentId, UUID environmentId, UUID triggeredBy, Instant queuedAt, Instant startedAt,
            Instant finishedAt, Long durationMs, Instant occurredAt) {
    }

    public record StepFinished(UUID executionId, UUID tenantId, UUID pipelineId, String pipelineName, long number,
            UUID agentId, int stepIndex, String stepName, String status, Integer exitCode, Long durationMs,
            Instant occurredAt) {
    }

    public record NotStarted(UUID tenantId, UUID pipelineId, String pipelineName, UUID releaseId, UUID deploymentId,
            UUID environmentId, String reason, String detail, Instant occurredAt) {
    }

    public static OutboxEvent notStarted(UUID tenantId, UUID pipelineId, String pipelineName, Execution.Origin origin,
            String reason, String detail, Instant now) {
        return OutboxEvent.forTenant(TOPIC, NOT_STARTED, tenantId, pipelineId, new NotStarted(tenantId, pipelineId,
                pipelineName, origin.releaseId(), origin.deploymentId(), origin.environmentId(), reason, detail, now));
    }

    public static OutboxEvent snapshot(String type, Execution e, Instant now) {
        return OutboxEvent.forTenant(TOPIC, type, e.tenantId(), e.id(), new ExecutionSnapshot(e.id(), e.tenantId(),
                e.pipelineId(), e.pipelineName(), e.number(), e.status(), e.reason(), e.claimedBy(), e.retryOf(),
                e.origin().releaseId(), e.origin().deploymentId(), e.origin().environmentId(), e.triggeredBy(),
                e.createdAt(), e.startedAt(), e.finishedAt(), e.durationMs(), now));
    }

    public static OutboxEvent stepFinished(Execution e, ExecutionStep s, Instant now) {
        return OutboxEvent.forTenant(TOPIC, STEP_FINISHED, e.tenantId(), e.id(), new StepFinished(e.id(),
                e.tenantId(), e.pipelineId(), e.pipelineName(), e.number(), e.claimedBy(), s.index(), s.name(),
                s.status(), s.exitCode(), s.durationMs(), now));
    }
}
