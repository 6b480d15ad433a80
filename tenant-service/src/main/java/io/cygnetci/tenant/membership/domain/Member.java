package io.cygnetci.tenant.membership.domain;

import java.time.Instant;
import java.util.UUID;

/** A membership with the user's identity, as a tenant's member list shows it. */
public record Member(UUID userId, String email, String displayName, String role, Instant createdAt) {
}
