package io.cygnetci.gateway.tenant;

import java.util.UUID;

/** What the gateway knows of a tenant: enough to route, refuse and rate-limit it. */
public record TenantEntry(UUID id, String slug, boolean active, int requestsPerMinute) {
}
