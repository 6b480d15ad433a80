package io.cygnetci.release.tenant;

import java.util.UUID;

import io.cygnetci.platform.data.TenantDatabase;
import io.cygnetci.release.config.ReleaseProperties;
import io.cygnetci.release.environment.domain.DefaultEnvironments;
import io.r2dbc.spi.Readable;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

/**
 * The local view of tenants in the {@code tenants} table, fed by {@code cygnetci.tenants.v1}. A tenant heard of for
 * the first time, by whichever path, gets the default environments in the same transaction.
 */
@Component
public class TenantViews {

    private final TenantDatabase database;
    private final ReleaseProperties properties;
    private final DefaultEnvironments defaults;

    public TenantViews(TenantDatabase database, ReleaseProperties properties, DefaultEnvironments defaults) {
        this.database = database;
        this.properties = properties;
        this.defaults = defaults;
    }

    /**
     * Locks the tenant's row for the rest of the caller's transaction, so concurrent deployments of one tenant count
     * against its quota in turn. A tenant not heard of yet gets the default quota and environments.
     */
    public Mono<TenantView> lock(UUID tenantId) {
        return database.client().sql("""
                insert into tenants (tenant_id, slug, active, deployments_per_hour) values (:id, '', true, :perHour)
                on conflict (tenant_id) do update set tenant_id = excluded.tenant_id
                returning *, (xmax = 0) as inserted""")
                .bind("id", tenantId).bind("perHour", properties.defaultDeploymentsPerHour())
                .map(row -> new Locked(map(row), Boolean.TRUE.equals(row.get("inserted", Boolean.class)))).one()
                .flatMap(locked -> (locked.inserted() ? defaults.create(tenantId) : Mono.<Void>empty())
                        .thenReturn(locked.view()));
    }

    /** Makes sure the tenant is known, with its default environments, without locking it (for reads). */
    public Mono<Void> ensure(UUID tenantId) {
        return database.client().sql("""
                insert into tenants (tenant_id, slug, active, deployments_per_hour) values (:id, '', true, :perHour)
                on conflict (tenant_id) do nothing returning tenant_id""")
                .bind("id", tenantId).bind("perHour", properties.defaultDeploymentsPerHour())
                .map(row -> row.get("tenant_id", UUID.class)).one()
                .flatMap(inserted -> defaults.create(tenantId));
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
                insert into tenants (tenant_id, slug, active, deleted, deployments_per_hour)
                values (:id, :slug, :active, :deleted, :perHour)
                on conflict (tenant_id) do update set slug = excluded.slug, active = excluded.active,
                    deleted = excluded.deleted, deployments_per_hour = excluded.deployments_per_hour,
                    updated_at = clock_timestamp()
                """ + onlyWhere + " returning (xmax = 0) as inserted")
                .bind("id", view.tenantId()).bind("slug", view.slug()).bind("active", view.active())
                .bind("deleted", view.deleted()).bind("perHour", view.deploymentsPerHour())
                .map(row -> Boolean.TRUE.equals(row.get("inserted", Boolean.class))).one()
                .flatMap(inserted -> inserted ? defaults.create(view.tenantId()) : Mono.empty()));
    }

    private static TenantView map(Readable row) {
        return new TenantView(row.get("tenant_id", UUID.class), row.get("slug", String.class),
                Boolean.TRUE.equals(row.get("active", Boolean.class)),
                Boolean.TRUE.equals(row.get("deleted", Boolean.class)), row.get("deployments_per_hour", Integer.class));
    }

    private record Locked(TenantView view, boolean inserted) {
    }
}
