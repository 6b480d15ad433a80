package io.cygnetci.tenant.user.domain;

import java.time.Instant;
import java.util.UUID;

/** A person who signs in; belongs to tenants through memberships. */
public record User(UUID id, String email, String displayName, String passwordHash, boolean platformAdmin,
        Instant createdAt) {
}
