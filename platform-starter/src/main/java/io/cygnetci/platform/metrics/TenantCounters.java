package io.cygnetci.platform.metrics;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Counters with a {@code tenant} tag (bounded by {@link TenantTagPolicy}) and further fixed tags, each registered
 * once and then found again without going through the registry.
 */
public class TenantCounters {

    private final MeterRegistry meters;
    private final TenantTagPolicy tags;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    public TenantCounters(MeterRegistry meters, TenantTagPolicy tags) {
        this.meters = meters;
        this.tags = tags;
    }

    /** @param tagPairs further tags as name, value, name, value... */
    public void increment(String name, String description, UUID tenantId, String... tagPairs) {
        if (tagPairs.length % 2 != 0) {
            throw new IllegalArgumentException("tags come in name-value pairs");
        }
        String tenant = tags.tagFor(tenantId);
        String key = name + '|' + tenant + '|' + String.join("|", tagPairs);
        counters.computeIfAbsent(key, k -> Counter.builder(name).description(description)
                .tag(TenantTagPolicy.TAG, tenant).tags(tagPairs).register(meters)).increment();
    }
}
