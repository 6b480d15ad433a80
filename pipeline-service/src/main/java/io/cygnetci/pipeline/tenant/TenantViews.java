package io.cygnetci.pipeline.tenant;

import java.util.UUID;

import io.cygnetci.pipeline.config.PipelineProperties;
import io.cygnetci.platform.data.TenantDatabase;
import io.r2dbc.spi.Readable;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

/** The local view of tenants in the {@code tenants} table, fed by {@code cygnetci.tenants.v1}. */
@Component
public class TenantViews {

    private final TenantDatabase database;
    private final PipelineProperties properties;

    public TenantViews(TenantDatabase database, PipelineProperties properties) {
        this.database = database;
        this.properties = properties;
    }

    /**
     * Locks the tenant's row for the rest of the caller's transaction, so concurrent creations and triggers of one
     * tenant count against its limits in turn. A tenant not heard of yet gets the default limits.
     */
    public Mono<TenantView> lock(UUID tenantId) {
        return database.client().sql("""
                insert into tenants (tenant_id, slug, active, max_pipelines, executions_per_hour)
                values (:id, '', true, :maxPipelines, :perHour)
                on conflict (tenant_id) do update set tenant_id = excluded.tenant_id
                returning *""")
                .bind("id", tenantId).bind("maxPipelines", properties.defaultMaxPipelines())
                .bind("perHour", properties.defaultExecutionsPerHour())
                .map(TenantViews::map).one();
    }

    /** The tenant's slug and state, inside the caller's transaction; empty when not heard of yet. */
    public Mono<TenantView> find(UUID tenantId) {
        return database.client().sql("select * from tenants where tenant_id = :id").bind("id", tenantId)
                .map(TenantViews::map).one();
    }

    /** Sets what an event says of a tenant (idempotent: it sets state); answers whether it was usable before. */
    public Mono<Boolean> apply(TenantView view) {
        return upsert(view, "");
    }

    /** What the directory said at start: fills in tenants no event has described yet, never overwrites one. */
    public Mono<Boolean> seed(TenantView view) {
        return upsert(view, " where tenants.slug = ''");
    }

    private Mono<Boolean> upsert(TenantView view, String onlyWhere) {
        return database.inTenant(view.tenantId(), database.client().sql("""
                with before as (select active and not deleted as usable from tenants where tenant_id = :id)
                insert into tenants (tenant_id, slug, active, deleted, max_pipelines, executions_per_hour)
                values (:id, :slug, :active, :deleted, :maxPipelines, :perHour)
                on conflict (tenant_id) do update set slug = excluded.slug, active = excluded.active,
                    deleted = excluded.deleted, max_pipelines = excluded.max_pipelines,
                    executions_per_hour = excluded.executions_per_hour, updated_at = clock_timestamp()
                """ + onlyWhere + " returning coalesce((select usable from before), true) as was_usable")
                .bind("id", view.tenantId()).bind("slug", view.slug()).bind("active", view.active())
                .bind("deleted", view.deleted()).bind("maxPipelines", view.maxPipelines())
                .bind("perHour", view.executionsPerHour())
                .map(row -> Boolean.TRUE.equals(row.get("was_usable", Boolean.class))).one())
                .defaultIfEmpty(false);
    }

    private static TenantView map(Readable row) {
        return new TenantView(row.get("tenant_id", UUID.class), row.get("slug", String.class),
                Boolean.TRUE.equals(row.get("active", Boolean.class)),
                Boolean.TRUE.equals(row.get("deleted", Boolean.class)), row.get("max_pipelines", Integer.class),
                row.get("executions_per_hour", Integer.class));
    }
}
