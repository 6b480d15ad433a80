package io.cygnetci.tenant.tenant.web;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import io.cygnetci.tenant.tenant.domain.Tenant;

/** A tenant as the API shows it. */
public record TenantResponse(UUID id, String slug, String displayName, String description, String contactEmail,
        String contactPhone, String address, String logoUrl, Map<String, Object> settings, int maxUsers,
        int maxAgents, int maxPipelines, int requestsPerMinute, int deploymentsPerHour, int executionsPerHour,
        boolean active, Instant createdAt, Instant updatedAt, UUID createdBy) {

    static TenantResponse of(Tenant t) {
        return new TenantResponse(t.id(), t.slug(), t.displayName(), t.description(), t.contactEmail(),
                t.contactPhone(), t.address(), t.logoUrl(), t.settings(), t.plan().maxUsers(), t.plan().maxAgents(),
                t.plan().maxPipelines(), t.plan().requestsPerMinute(), t.plan().deploymentsPerHour(),
                t.plan().executionsPerHour(), t.active(), t.createdAt(), t.updatedAt(), t.createdBy());
    }
}
