package io.cygnetci.tenant.auth.domain;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A signed access token and what it grants. */
public record IssuedToken(String accessToken, Instant expiresAt, UUID tenantId, String tenantSlug, List<String> roles) {
}
