package io.cygnetci.release.environment.domain;

import java.time.Instant;
import java.util.UUID;

/** A stage of a tenant's promotion path; {@code position} 1 is deployed to first. */
public record Environment(UUID id, UUID tenantId, String name, String description, int position,
        int requiredApprovals, Freeze freeze, Instant createdAt, Instant updatedAt) {

    /** The freeze in force at {@code now}, or null. */
    public Freeze frozenAt(Instant now) {
        return freeze != null && freeze.covers(now) ? freeze : null;
    }
}
