package io.cygnetci.agent.tenant;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import io.cygnetci.agent.config.AgentProperties;
import io.cygnetci.platform.data.DbScope;
import io.cygnetci.platform.data.TenantDatabase;
import io.r2dbc.spi.Readable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The local view of tenants. The {@code tenants} table is the record; every replica also keeps which tenants are
 * usable in memory for the heartbeat path, updated at once by the events it applies and re-read every few seconds
 * (so a deactivation applied by another replica reaches this one too).
 */
@Component
public class TenantViews implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(TenantViews.class);
    private static final Duration REFRESH = Duration.ofSeconds(5);

    private final TenantDatabase database;
    private final AgentProperties properties;
    private final Map<UUID, Boolean> usable = new ConcurrentHashMap<>();
    private volatile Disposable refreshing;

    public TenantViews(TenantDatabase database, AgentProperties properties) {
        this.database = database;
        this.properties = properties;
    }

    /** Locks the tenant's row for the rest of the transaction, so concurrent registrations count agents in turn. */
    public Mono<TenantView> lock(UUID tenantId) {
        return database.client().sql("""
                insert into tenants (tenant_id, slug, active, max_agents) values (:id, '', true, :max)
                on conflict (tenant_id) do update set tenant_id = excluded.tenant_id
                returning *""")
                .bind("id", tenantId).bind("max", properties.defaultMaxAgents())
                .map(TenantViews::map).one();
    }

    /** Sets what an event says of a tenant (idempotent: it sets state). */
    public Mono<Void> apply(TenantView view) {
        return upsert(view, "");
    }

    /** What the directory said at start: fills in tenants no event has described yet, never overwrites one. */
    public Mono<Void> seed(TenantView view) {
        return upsert(view, " where tenants.slug = ''");
    }

    private Mono<Void> upsert(TenantView view, String onlyWhere) {
        return database.inTenant(view.tenantId(), database.client().sql("""
                insert into tenants (tenant_id, slug, active, deleted, max_agents)
                values (:id, :slug, :active, :deleted, :max)
                on conflict (tenant_id) do update set slug = excluded.slug, active = excluded.active,
                    deleted = excluded.deleted, max_agents = excluded.max_agents, updated_at = clock_timestamp()
                """ + onlyWhere + " returning active and not deleted as usable")
                .bind("id", view.tenantId()).bind("slug", view.slug()).bind("active", view.active())
                .bind("deleted", view.deleted()).bind("max", view.maxAgents())
                .map(row -> Boolean.TRUE.equals(row.get("usable", Boolean.class))).one())
                .doOnNext(isUsable -> usable.put(view.tenantId(), isUsable))
                .then();
    }

    /** Whether the tenant's agents may work; a tenant not heard of yet may (the gateway refuses unknown ones). */
    public boolean isUsable(UUID tenantId) {
        return usable.getOrDefault(tenantId, true);
    }

    Mono<Void> refresh() {
        return database.inMany(DbScope.platformWide(), database.client()
                .sql("select tenant_id, active, deleted from tenants")
                .map(row -> Map.entry(row.get("tenant_id", UUID.class),
                        Boolean.TRUE.equals(row.get("active", Boolean.class))
                                && !Boolean.TRUE.equals(row.get("deleted", Boolean.class))))
                .all())
                .doOnNext(entry -> usable.put(entry.getKey(), entry.getValue()))
                .then();
    }

    private static TenantView map(Readable row) {
        return new TenantView(row.get("tenant_id", UUID.class), row.get("slug", String.class),
                Boolean.TRUE.equals(row.get("active", Boolean.class)),
                Boolean.TRUE.equals(row.get("deleted", Boolean.class)), row.get("max_agents", Integer.class));
    }

    @Override
    public void start() {
        refreshing = Flux.interval(Duration.ZERO, REFRESH)
                .concatMap(tick -> refresh().onErrorResume(ex -> {
                    log.warn("Could not re-read tenant states: {}", ex.toString());
                    return Mono.empty();
                }))
                .subscribe();
    }

    @Override
    public void stop() {
        if (refreshing != null) {
            refreshing.dispose();
        }
    }

    @Override
    public boolean isRunning() {
        return refreshing != null && !refreshing.isDisposed();
    }
}
