package io.cygnetci.monitoring.check.domain;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import io.cygnetci.platform.metrics.TenantCounters;
import io.cygnetci.platform.metrics.TenantTagPolicy;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import org.springframework.stereotype.Component;

/** {@code cygnetci_health_checks_total{tenant,status}} and {@code cygnetci_health_check_response_seconds{tenant}}. */
@Component
public class HealthMetrics {

    private final TenantCounters counters;
    private final MeterRegistry meters;
    private final TenantTagPolicy tags;
    private final Map<String, Timer> responses = new ConcurrentHashMap<>();

    public HealthMetrics(TenantCounters counters, MeterRegistry meters, TenantTagPolicy tags) {
        this.counters = counters;
        this.meters = meters;
        this.tags = tags;
    }

    void checked(UUID tenantId, CheckResult result) {
        counters.increment("cygnetci.health.checks", "Health check runs by outcome", tenantId, "status",
                result.status());
        if (result.responseMs() != null) {
            String tenant = tags.tagFor(tenantId);
            responses.computeIfAbsent(tenant, t -> Timer.builder("cygnetci.health.check.response")
                    .description("Response time of health checks that got a response")
                    .tag(TenantTagPolicy.TAG, t).register(meters)).record(Duration.ofMillis(result.responseMs()));
        }
    }
}
