package io.cygnetci.release.tenant;

import java.util.UUID;

/** What release-service knows of a tenant: whether it may deploy, and its deployment quota. */
public record TenantView(UUID tenantId, String slug, boolean active, boolean deleted, int deploymentsPerHour) {

    public boolean usable() {
        return active && !deleted;
    }
}
