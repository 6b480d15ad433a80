package io.cygnetci.release.deployment.event;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.cygnetci.platform.events.OutboxEvent;
import io.cygnetci.release.deployment.domain.Deployment;
import io.cygnetci.release.deployment.domain.DeploymentRun;
import io.cygnetci.release.release.domain.Release;

/**
 * Deployments on {@code cygnetci.releases.v1} (through the outbox, keyed by tenant id); JSON Schemas in
 * {@code docs/events/}. pipeline-service starts the pipelines on {@code started} and cancels them on
 * {@code cancelled}. Approval comments stay in the service.
 */
public final class DeploymentEvents {

    public static final String TOPIC = "cygnetci.releases.v1";

    public static final String REQUESTED = "io.cygnetci.deployment.requested.v1";
    public static final String APPROVED = "io.cygnetci.deployment.approved.v1";
    public static final String REJECTED = "io.cygnetci.deployment.rejected.v1";
    public static final String STARTED = "io.cygnetci.deployment.started.v1";
    public static final String SUCCEEDED = "io.cygnetci.deployment.succeeded.v1";
    public static final String FAILED = "io.cygnetci.deployment.failed.v1";
    public static final String CANCELLED = "io.cygnetci.deployment.cancelled.v1";

    private DeploymentEvents() {
    }

    public record PipelineRun(UUID pipelineId, String name, UUID executionId, String status) {
    }

    /**
     * The deployment after the change. {@code actor}: who approved, rejected or cancelled (null for what the
     * service decided itself); {@code approvals}: approvals so far.
     */
    public record DeploymentSnapshot(UUID deploymentId, UUID tenantId, UUID releaseId, String releaseName,
            String releaseVersion, UUID environmentId, String environmentName, String status, String reason,
            int requiredApprovals, int approvals, List<PipelineRun> pipelines, UUID requestedBy, UUID actor,
            Instant requestedAt, Instant startedAt, Instant finishedAt, Long durationMs, Instant occurredAt) {
    }

    public static OutboxEvent snapshot(String type, Deployment d, Release r, List<DeploymentRun> runs, int approvals,
            UUID actor, Instant now) {
        return OutboxEvent.forTenant(TOPIC, type, d.tenantId(), d.id(), new DeploymentSnapshot(d.id(), d.tenantId(),
                r.id(), r.name(), r.version(), d.environmentId(), d.environmentName(), d.status(), d.reason(),
                d.requiredApprovals(), approvals,
                runs.stream().map(x -> new PipelineRun(x.pipelineId(), x.pipelineName(), x.executionId(), x.status()))
                        .toList(),
                d.requestedBy(), actor, d.createdAt(), d.startedAt(), d.finishedAt(), d.durationMs(), now));
    }
}
