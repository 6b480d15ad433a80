package io.cygnetci.monitoring.metrics;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.cygnetci.platform.data.DbScope;
import io.cygnetci.platform.data.TenantDatabase;
import io.cygnetci.platform.metrics.TenantTagPolicy;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

/**
 * {@code cygnetci_agents{tenant,status}} and {@code cygnetci_services{tenant,status}}: how many of a tenant's agents
 * and monitored services are in each state, read from the database every refresh (so every replica reports the
 * same). Tenants beyond the tag limit are summed under {@code other}.
 */
@Component
public class TenantGauges {

    private final TenantDatabase database;
    private final TenantTagPolicy tags;
    private final MultiGauge agents;
    private final MultiGauge services;

    public TenantGauges(TenantDatabase database, TenantTagPolicy tags, MeterRegistry meters) {
        this.database = database;
        this.tags = tags;
        this.agents = MultiGauge.builder("cygnetci.agents").description("Agents by status").register(meters);
        this.services = MultiGauge.builder("cygnetci.services").description("Monitored services by status")
                .register(meters);
    }

    public Mono<Void> refresh() {
        return Mono.zip(counts("select tenant_id, status, count(*) as n from agents where not deleted group by 1, 2"),
                counts("select tenant_id, status, count(*) as n from services group by 1, 2"))
                .doOnNext(both -> {
                    agents.register(rows(both.getT1()), true);
                    services.register(rows(both.getT2()), true);
                })
                .then();
    }

    private Mono<Map<Tags, Long>> counts(String sql) {
        return database.in(DbScope.platformWide(), database.client().sql(sql)
                .map(row -> new Count(row.get("tenant_id", UUID.class), row.get("status", String.class),
                        row.get("n", Long.class)))
                .all()
                .collect(HashMap::new, (Map<Tags, Long> sums, Count c) -> sums.merge(Tags.of(TenantTagPolicy.TAG,
                        tags.tagFor(c.tenantId()), "status", c.status()), c.n(), Long::sum)));
    }

    private static List<MultiGauge.Row<?>> rows(Map<Tags, Long> counts) {
        return counts.entrySet().stream().<MultiGauge.Row<?>>map(e -> MultiGauge.Row.of(e.getKey(), e.getValue()))
                .toList();
    }

    private record Count(UUID tenantId, String status, long n) {
    }
}
