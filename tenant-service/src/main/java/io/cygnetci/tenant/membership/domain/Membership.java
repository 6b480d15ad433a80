package io.cygnetci.tenant.membership.domain;

import java.time.Instant;
import java.util.UUID;

/** A user's role in one tenant. */
public record Membership(UUID tenantId, UUID userId, String role, boolean isDefault, Instant createdAt) {
}
