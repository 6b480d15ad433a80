package io.cygnetci.release.environment.web;

import java.time.Instant;
import java.util.UUID;

import io.cygnetci.release.environment.domain.Environment;
import io.cygnetci.release.environment.domain.Freeze;

/** An environment as the API answers it; {@code frozen} says whether a freeze is in force now. */
record EnvironmentResponse(UUID id, String name, String description, int position, int requiredApprovals,
        FreezeWindow freeze, boolean frozen, Instant createdAt, Instant updatedAt) {

    record FreezeWindow(Instant from, Instant until, String reason) {
    }

    static EnvironmentResponse of(Environment e, Instant now) {
        Freeze f = e.freeze();
        return new EnvironmentResponse(e.id(), e.name(), e.description(), e.position(), e.requiredApprovals(),
                f == null ? null : new FreezeWindow(f.from(), f.until(), f.reason()), e.frozenAt(now) != null,
                e.createdAt(), e.updatedAt());
    }
}
