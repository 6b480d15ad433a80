package io.cygnetci.pipeline.execution.domain;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import io.cygnetci.platform.metrics.TenantTagPolicy;
import io.micrometer.core.instrument.Counter;
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
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    private final Map<String, Timer> waits = new ConcurrentHashMap<>();

    public ExecutionMetrics(MeterRegistry meters, TenantTagPolicy tags) {
        this.meters = meters;
        this.tags = tags;
    }

    public void queued(UUID tenantId) {
        String tenant = tags.tagFor(tenantId);
        counters.computeIfAbsent("queued:" + tenant, key -> Counter.builder("cygnetci.executions.queued")
                .description("Executions queued").tag(TenantTagPolicy.TAG, tenant).register(meters)).increment();
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
        String tenant = tags.tagFor(execution.tenantId());
        counters.computeIfAbsent("finished:" + tenant + ":" + execution.status(),
                key -> Counter.builder("cygnetci.executions.finished").description("Executions finished")
                        .tag(TenantTagPolicy.TAG, tenant).tag("status", execution.status()).register(meters))
                .increment();
    }
}
