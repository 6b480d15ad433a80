package io.cygnetci.monitoring.usage.domain;

import java.math.BigDecimal;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import io.cygnetci.platform.metrics.TenantTagPolicy;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.stereotype.Component;

/** {@code cygnetci_usage_quantity_total{tenant,meter}} and {@code cygnetci_usage_records_published_total{meter}}. */
@Component
public class UsageMetrics {

    private final MeterRegistry meters;
    private final TenantTagPolicy tags;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    public UsageMetrics(MeterRegistry meters, TenantTagPolicy tags) {
        this.meters = meters;
        this.tags = tags;
    }

    /** Usage that has been committed to its window. */
    public void metered(UUID tenantId, Meter meter, BigDecimal quantity) {
        String tenant = tags.tagFor(tenantId);
        counters.computeIfAbsent("q|" + tenant + '|' + meter.id(), k -> Counter.builder("cygnetci.usage.quantity")
                .description("Usage metered for billing, in the meter's unit (minutes, deployments, requests)")
                .tag(TenantTagPolicy.TAG, tenant).tag("meter", meter.id()).register(meters))
                .increment(quantity.doubleValue());
    }

    public void published(Meter meter) {
        counters.computeIfAbsent("p|" + meter.id(), k -> Counter.builder("cygnetci.usage.records.published")
                .description("Usage records published for billing").tag("meter", meter.id()).register(meters))
                .increment();
    }
}
