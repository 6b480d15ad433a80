package io.cygnetci.platform.data;

import java.util.UUID;

/**
 * What a transaction may see under Row-Level Security, set transaction-locally as {@code app.tenant_id},
 * {@code app.user_id} and {@code app.scope}.
 * <ul>
 * <li>tenant: rows of one tenant (every request of a tenant);</li>
 * <li>user: rows that belong to one user across tenants (their memberships, at login);</li>
 * <li>platform: every row, for platform operations (the outbox relay, a platform admin's tenant list).</li>
 * </ul>
 */
public record DbScope(UUID tenantId, UUID userId, boolean platform) {

    public static DbScope tenant(UUID tenantId) {
        return new DbScope(tenantId, null, false);
    }

    public static DbScope user(UUID userId) {
        return new DbScope(null, userId, false);
    }

    public static DbScope platformWide() {
        return new DbScope(null, null, true);
    }
}
