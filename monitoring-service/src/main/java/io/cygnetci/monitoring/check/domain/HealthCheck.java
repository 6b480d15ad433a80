package io.cygnetci.monitoring.check.domain;

import java.net.URI;
import java.time.Instant;
import java.util.UUID;

/**
 * A monitored service of a tenant and its latest state. An {@code http} check has a URL, the status it expects and
 * optionally a text the body must contain; a {@code tcp} check (databases, caches) has a host and a port.
 */
public record HealthCheck(UUID id, UUID tenantId, String name, String kind, URI url, Integer expectedStatus,
        String bodyContains, String host, Integer port, int intervalSeconds, int timeoutMs, int warningThresholdMs,
        boolean enabled, String status, Integer lastResponseMs, String lastError, Instant lastCheckedAt,
        Instant nextCheckAt, Instant createdAt, Instant updatedAt) {

    public static final String HTTP = "http";
    public static final String TCP = "tcp";

    public static final String UNKNOWN = "unknown";
    public static final String HEALTHY = "healthy";
    public static final String WARNING = "warning";
    public static final String DOWN = "down";

    /** The host the check connects to. */
    public String targetHost() {
        return HTTP.equals(kind) ? url.getHost() : host;
    }

    public int targetPort() {
        if (TCP.equals(kind)) {
            return port;
        }
        return url.getPort() != -1 ? url.getPort() : "https".equalsIgnoreCase(url.getScheme()) ? 443 : 80;
    }
}
