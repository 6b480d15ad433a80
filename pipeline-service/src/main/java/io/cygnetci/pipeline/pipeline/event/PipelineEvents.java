package io.cygnetci.pipeline.pipeline.event;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.cygnetci.pipeline.pipeline.domain.Pipeline;
import io.cygnetci.platform.events.OutboxEvent;

/**
 * Pipeline definitions on {@code cygnetci.pipelines.v1} (through the outbox, keyed by tenant id), so other
 * services keep a local view of pipelines; JSON Schemas in {@code docs/events/}. Secret defaults never leave.
 */
public final class PipelineEvents {

    public static final String TOPIC = "cygnetci.pipelines.v1";

    public static final String CREATED = "io.cygnetci.pipeline.created.v1";
    public static final String UPDATED = "io.cygnetci.pipeline.updated.v1";
    public static final String DELETED = "io.cygnetci.pipeline.deleted.v1";

    private PipelineEvents() {
    }

    public record StepSummary(String name, int timeoutSeconds, boolean continueOnError) {
    }

    public record ParameterSummary(String name, boolean required, boolean secret) {
    }

    public record PipelineSnapshot(UUID pipelineId, UUID tenantId, String name, String description, String repository,
            String ref, UUID agentId, List<String> agentLabels, List<StepSummary> steps,
            List<ParameterSummary> parameters, int version, Instant occurredAt) {
    }

    public record PipelineDeleted(UUID pipelineId, UUID tenantId, String name, Instant occurredAt) {
    }

    public static OutboxEvent snapshot(String type, Pipeline p, Instant now) {
        return OutboxEvent.forTenant(TOPIC, type, p.tenantId(), p.id(), new PipelineSnapshot(p.id(), p.tenantId(),
                p.name(), p.description(), p.repository(), p.ref(), p.agentId(), p.agentLabels(),
                p.steps().stream().map(s -> new StepSummary(s.name(), s.timeoutSeconds(), s.continueOnError()))
                        .toList(),
                p.parameters().stream().map(x -> new ParameterSummary(x.name(), x.required(), x.secret())).toList(),
                p.version(), now));
    }

    public static OutboxEvent deleted(Pipeline p, Instant now) {
        return OutboxEvent.forTenant(TOPIC, DELETED, p.tenantId(), p.id(),
                new PipelineDeleted(p.id(), p.tenantId(), p.name(), now));
    }
}
