package io.cygnetci.tenant.tenant.domain;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** A customer of the platform: the unit of isolation. */
public record Tenant(UUID id, String slug, String displayName, String description, String contactEmail,
        String contactPhone, String address, String logoUrl, Map<String, Object> settings, PlanLimits plan,
        boolean active, Instant createdAt, Instant updatedAt, UUID createdBy) {
}
