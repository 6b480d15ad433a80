package io.cygnetci.agent.token.domain;

import java.time.Instant;
import java.util.UUID;

/** A tenant's agent registration token, as stored: only the hash of its secret is kept. */
public record RegistrationToken(UUID id, UUID tenantId, String description, String tokenPrefix, UUID createdBy,
        Instant createdAt, Instant expiresAt, Instant revokedAt, Instant lastUsedAt, int registrations) {

    public boolean usableAt(Instant now) {
        return revokedAt == null && (expiresAt == null || expiresAt.isAfter(now));
    }

    public String status(Instant now) {
        if (revokedAt != null) {
            return "revoked";
        }
        return expiresAt != null && !expiresAt.isAfter(now) ? "expired" : "active";
    }
}
