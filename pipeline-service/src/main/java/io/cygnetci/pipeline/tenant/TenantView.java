package io.cygnetci.pipeline.tenant;

import java.util.UUID;

/** What pipeline-service knows of a tenant: whether it may run work, and its pipeline limits. */
public record TenantView(UUID tenantId, String slug, boolean active, boolean deleted, int maxPipelines,
        int executionsPerHour) {

    public boolean usable() {
        return active && !deleted;
    }
}
