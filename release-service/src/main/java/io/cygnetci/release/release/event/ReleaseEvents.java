package io.cygnetci.release.release.event;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.cygnetci.platform.events.OutboxEvent;
import io.cygnetci.release.release.domain.Release;

/**
 * Releases on {@code cygnetci.releases.v1} (through the outbox, keyed by tenant id), next to the deployment events;
 * JSON Schemas in {@code docs/events/}.
 */
public final class ReleaseEvents {

    public static final String TOPIC = "cygnetci.releases.v1";

    public static final String CREATED = "io.cygnetci.release.created.v1";
    /** Deployed to the last environment. */
    public static final String COMPLETED = "io.cygnetci.release.completed.v1";

    private ReleaseEvents() {
    }

    public record ReleaseSnapshot(UUID releaseId, UUID tenantId, String name, String version, String status,
            List<Release.ReleasePipeline> pipelines, List<Release.Artifact> artifacts, UUID createdBy,
            Instant createdAt, Instant occurredAt) {
    }

    public static OutboxEvent snapshot(String type, Release r, Instant now) {
        return OutboxEvent.forTenant(TOPIC, type, r.tenantId(), r.id(), new ReleaseSnapshot(r.id(), r.tenantId(),
                r.name(), r.version(), r.status(), r.pipelines(), r.artifacts(), r.createdBy(), r.createdAt(), now));
    }
}
