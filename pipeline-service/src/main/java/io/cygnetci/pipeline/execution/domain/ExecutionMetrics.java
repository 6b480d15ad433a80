package io.cygnetci.pipeline.execution.domain;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import io.cygnetci.platform.metrics.TenantCounters;
import io.cygnetci.platform.metrics.TenantTagPolicy;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import org.springframework.stereotype.Component;

/**
 * Per-tenant execution metrics (the {@code tenant} tag bounded by {@link TenantTagPolicy}):
 * {@code cygnetci_executions_queued_total}, {@code cygnetci_executions_finished_total{status}} and
 * {@code cygnetci_executions_queue_wait_seconds} (from queued to claimed: how long a tenant's work waits for an agent).
 */
@Component
public class ExecutionMetrics {

    private final MeterRegistry meters;
    private final TenantTagPolicy tags;
    private final TenantCounters counters;
    private final Map<String, Timer> waits = new ConcurrentHashMap<>();

    public ExecutionMetrics(MeterRegistry meters, TenantTagPolicy tags, TenantCounters counters) {
        this.meters = meters;
        this.tags = tags;
        this.counters = counters;
    }

    public void queued(UUID tenantId) {
        counters.increment("cygnetci.executions.queued", "Executions queued", tenantId);
    }

    public void claimed(Execution execution) {
        if (execution.startedAt() == null) {
            return;
        }
        String tenant = tags.tagFor(execution.tenantId());
        waits.computeIfAbsent(tenant, key -> Timer.builder("cygnetci.executions.queue.wait")
                .description("Time from queued to claimed by an agent").tag(TenantTagPolicy.TAG, tenant)
                .publishPercentileHistogram().register(meters))
                .record(Duration.between(execution.createdAt(), execution.startedAt()));
    }

    public void finished(Execution execution) {
        counters.increment("cygnetci.executions.finished", "Executions finished", execution.tenantId(), "status",
                execution.status());
    }
}
