package io.cygnetci.monitoring.check.web;

import java.time.Instant;
import java.util.UUID;

import io.cygnetci.monitoring.check.domain.HealthCheck;

/** A monitored service with its latest state. */
record HealthCheckResponse(UUID id, String name, String kind, String url, Integer expectedStatus, String bodyContains,
        String host, Integer port, int intervalSeconds, int timeoutMs, int warningThresholdMs, boolean enabled,
        String status, Integer lastResponseMs, String lastError, Instant lastCheckedAt, Instant nextCheckAt,
        Instant createdAt, Instant updatedAt) {

    static HealthCheckResponse of(HealthCheck c) {
        return new HealthCheckResponse(c.id(), c.name(), c.kind(), c.url() == null ? null : c.url().toString(),
                c.expectedStatus(), c.bodyContains(), c.host(), c.port(), c.intervalSeconds(), c.timeoutMs(),
                c.warningThresholdMs(), c.enabled(), c.status(), c.lastResponseMs(), c.lastError(), c.lastCheckedAt(),
                c.nextCheckAt(), c.createdAt(), c.updatedAt());
    }
}
