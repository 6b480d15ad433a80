package io.cygnetci.release.environment.domain;

import java.time.Instant;
import java.util.UUID;

import io.cygnetci.platform.data.Rows;
import io.cygnetci.platform.data.TenantDatabase;
import io.r2dbc.spi.Readable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Repository;

/** SQL over {@code environments}; every method runs inside the caller's tenant transaction. */
@Repository
public class EnvironmentRepository {

    private final TenantDatabase database;

    public EnvironmentRepository(TenantDatabase database) {
        this.database = database;
    }

    /** In promotion order. */
    public Flux<Environment> list() {
        return database.client().sql("select * from environments order by position").map(EnvironmentRepository::map)
                .all();
    }

    public Mono<Environment> findById(UUID id) {
        return database.client().sql("select * from environments where id = :id").bind("id", id)
                .map(EnvironmentRepository::map).one();
    }

    public Mono<Long> count() {
        return database.client().sql("select count(*) as n from environments where " + TenantDatabase.CURRENT_TENANT).map(row -> row.get("n", Long.class))
                .one();
    }

    public Mono<Boolean> nameTaken(String name, UUID except) {
        return database.client().sql("select exists (select 1 from environments where lower(name) = lower(:name) "
                + "and id <> :except) as taken").bind("name", name)
                .bind("except", except == null ? new UUID(0, 0) : except)
                .map(row -> Boolean.TRUE.equals(row.get("taken", Boolean.class))).one();
    }

    public Mono<Environment> insert(UUID id, UUID tenantId, EnvironmentDefinition d, int position, Instant now) {
        return database.client().sql("""
                insert into environments (id, tenant_id, name, description, position, required_approvals,
                    created_at, updated_at)
                values (:id, :tenant, :name, :description, :position, :approvals, :now, :now)
                returning *""")
                .bind("id", id).bind("tenant", tenantId).bind("name", d.name())
                .bind("description", Parameter.fromOrEmpty(d.description(), String.class))
                .bind("position", position).bind("approvals", d.requiredApprovals()).bind("now", Rows.timestamp(now))
                .map(EnvironmentRepository::map).one();
    }

    public Mono<Environment> update(UUID id, EnvironmentDefinition d, int position, Instant now) {
        return database.client().sql("""
                update environments set name = :name, description = :description, position = :position,
                    required_approvals = :approvals, updated_at = :now
                where id = :id returning *""")
                .bind("id", id).bind("name", d.name())
                .bind("description", Parameter.fromOrEmpty(d.description(), String.class))
                .bind("position", position).bind("approvals", d.requiredApprovals()).bind("now", Rows.timestamp(now))
                .map(EnvironmentRepository::map).one();
    }

    /**
     * Shifts the positions between {@code from} and {@code to} (inclusive) by {@code delta}; the position constraint
     * is deferred, so a move is checked when the transaction commits.
     */
    public Mono<Long> shift(int from, int to, int delta) {
        return database.client().sql("update environments set position = position + :delta "
                + "where position between :from and :to")
                .bind("delta", delta).bind("from", from).bind("to", to).fetch().rowsUpdated();
    }

    public Mono<Environment> setFreeze(UUID id, Freeze freeze, Instant now) {
        return database.client().sql("""
                update environments set freeze_from = :from, freeze_until = :until, freeze_reason = :reason,
                    updated_at = :now
                where id = :id returning *""")
                .bind("id", id).bind("from", Rows.timestamp(freeze == null ? null : freeze.from()))
                .bind("until", Rows.timestamp(freeze == null ? null : freeze.until()))
                .bind("reason", Parameter.fromOrEmpty(freeze == null ? null : freeze.reason(), String.class))
                .bind("now", Rows.timestamp(now))
                .map(EnvironmentRepository::map).one();
    }

    public Mono<Boolean> hasDeployments(UUID id) {
        return database.client().sql("select exists (select 1 from deployments where environment_id = :id) as used")
                .bind("id", id).map(row -> Boolean.TRUE.equals(row.get("used", Boolean.class))).one();
    }

    public Mono<Environment> delete(UUID id) {
        return database.client().sql("delete from environments where id = :id returning *").bind("id", id)
                .map(EnvironmentRepository::map).one();
    }

    static Environment map(Readable row) {
        Instant until = Rows.instant(row, "freeze_until");
        Freeze freeze = until == null ? null
                : new Freeze(Rows.instant(row, "freeze_from"), until, row.get("freeze_reason", String.class));
        return new Environment(row.get("id", UUID.class), row.get("tenant_id", UUID.class),
                row.get("name", String.class), row.get("description", String.class),
                row.get("position", Integer.class), row.get("required_approvals", Integer.class), freeze,
                Rows.instant(row, "created_at"), Rows.instant(row, "updated_at"));
    }
}
