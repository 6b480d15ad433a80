package io.cygnetci.monitoring.check.web;

import java.net.URI;
import java.net.URISyntaxException;

import io.cygnetci.monitoring.check.domain.HealthCheck;
import io.cygnetci.monitoring.check.domain.HealthCheckDefinition;
import io.cygnetci.platform.problem.BadRequestException;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** A health check as a user writes it (create and replace). */
record HealthCheckRequest(@NotBlank @Size(max = 100) String name,
        @NotNull @Pattern(regexp = "http|tcp", message = "must be http or tcp") String kind,
        @Size(max = 2048) String url, @Min(100) @Max(599) Integer expectedStatus, @Size(max = 200) String bodyContains,
        @Size(max = 253) String host, @Min(1) @Max(65535) Integer port,
        @Min(10) @Max(86400) Integer intervalSeconds, @Min(100) @Max(30000) Integer timeoutMs,
        @Min(1) @Max(30000) Integer warningThresholdMs, Boolean enabled) {

    static final int DEFAULT_INTERVAL_SECONDS = 60;
    static final int DEFAULT_TIMEOUT_MS = 5000;
    static final int DEFAULT_WARNING_MS = 1000;

    HealthCheckDefinition toDefinition() {
        int timeout = timeoutMs == null ? DEFAULT_TIMEOUT_MS : timeoutMs;
        int warning = warningThresholdMs == null ? Math.min(DEFAULT_WARNING_MS, timeout - 1) : warningThresholdMs;
        if (warning >= timeout) {
            throw BadRequestException.field("warning_threshold_ms", "must be less than timeout_ms");
        }
        int interval = intervalSeconds == null ? DEFAULT_INTERVAL_SECONDS : intervalSeconds;
        boolean on = enabled == null || enabled;
        if (HealthCheck.HTTP.equals(kind)) {
            if (host != null || port != null) {
                throw BadRequestException.field(host != null ? "host" : "port", "is only for tcp checks");
            }
            return new HealthCheckDefinition(name.trim(), kind, httpUrl(), expectedStatus == null ? 200
                    : expectedStatus, bodyContains == null || bodyContains.isEmpty() ? null : bodyContains, null, null,
                    interval, timeout, warning, on);
        }
        if (url != null || expectedStatus != null || bodyContains != null) {
            throw BadRequestException.field(url != null ? "url" : expectedStatus != null ? "expected_status"
                    : "body_contains", "is only for http checks");
        }
        if (host == null || host.isBlank()) {
            throw BadRequestException.field("host", "is required for tcp checks");
        }
        if (port == null) {
            throw BadRequestException.field("port", "is required for tcp checks");
        }
        if (!host.trim().matches("[A-Za-z0-9.\\-]+|\\[[0-9A-Fa-f:.]+\\]|[0-9A-Fa-f:.]+")) {
            throw BadRequestException.field("host", "is not a host name or IP address");
        }
        return new HealthCheckDefinition(name.trim(), kind, null, 0, null, host.trim(), port, interval, timeout,
                warning, on);
    }

    private URI httpUrl() {
        if (url == null || url.isBlank()) {
            throw BadRequestException.field("url", "is required for http checks");
        }
        try {
            URI uri = new URI(url.trim());
            if (!"http".equalsIgnoreCase(uri.getScheme()) && !"https".equalsIgnoreCase(uri.getScheme())) {
                throw BadRequestException.field("url", "must be an http or https URL");
            }
            if (uri.getHost() == null || uri.getHost().isEmpty()) {
                throw BadRequestException.field("url", "must name a host");
            }
            if (uri.getRawUserInfo() != null) {
                throw BadRequestException.field("url", "must not carry credentials");
            }
            if (uri.getRawFragment() != null) {
                throw BadRequestException.field("url", "must not have a fragment");
            }
            return uri;
        }
        catch (URISyntaxException ex) {
            throw BadRequestException.field("url", "is not a valid URL");
        }
    }
}
