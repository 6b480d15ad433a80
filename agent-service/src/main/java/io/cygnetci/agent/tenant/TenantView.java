package io.cygnetci.agent.tenant;

import java.util.UUID;

/** What agent-service knows of a tenant: whether its agents may work, and how many it may have. */
public record TenantView(UUID tenantId, String slug, boolean active, boolean deleted, int maxAgents) {

    public boolean usable() {
        return active && !deleted;
    }
}
