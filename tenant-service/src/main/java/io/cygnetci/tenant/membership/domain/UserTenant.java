package io.cygnetci.tenant.membership.domain;

import java.time.Instant;
import java.util.UUID;

/** One tenant a user belongs to, as their tenant list (and the customer selector) shows it. */
public record UserTenant(UUID tenantId, String slug, String displayName, String role, boolean isDefault,
        boolean active, Instant joinedAt) {
}
