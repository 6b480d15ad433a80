package io.cygnetci.monitoring.check.domain;

import java.net.URI;

/** What a user says of a health check (create and replace). */
public record HealthCheckDefinition(String name, String kind, URI url, int expectedStatus, String bodyContains,
        String host, Integer port, int intervalSeconds, int timeoutMs, int warningThresholdMs, boolean enabled) {

    public String targetHost() {
        return HealthCheck.HTTP.equals(kind) ? url.getHost() : host;
    }
}
