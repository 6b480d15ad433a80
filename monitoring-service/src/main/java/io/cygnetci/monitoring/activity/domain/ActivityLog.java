package io.cygnetci.monitoring.activity.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

import io.cygnetci.platform.data.DbScope;
import io.cygnetci.platform.data.Keyset;
import io.cygnetci.platform.data.PageRequest;
import io.cygnetci.platform.data.Rows;
import io.cygnetci.platform.data.TenantDatabase;
import io.r2dbc.spi.Readable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient.GenericExecuteSpec;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Repository;

/** The {@code activity} table. */
@Repository
public class ActivityLog {

    private final TenantDatabase database;

    public ActivityLog(TenantDatabase database) {
        this.database = database;
    }

    /** Records an entry inside the caller's tenant transaction; an entry recorded before is left as it is. */
    public Mono<Void> record(Activity a) {
        return database.client().sql("""
                insert into activity (id, tenant_id, kind, severity, message, subject_id, created_at)
                values (:id, :tenant, :kind, :severity, :message, :subject, :at) on conflict (id) do nothing""")
                .bind("id", a.id()).bind("tenant", a.tenantId()).bind("kind", a.kind())
                .bind("severity", a.severity()).bind("message", a.message())
                .bind("subject", Parameter.fromOrEmpty(a.subjectId(), UUID.class))
                .bind("at", Rows.timestamp(a.createdAt()))
                .then();
    }

    /** The caller's tenant's activity, newest first, optionally of some kinds only. */
    public Flux<Activity> list(List<String> kinds, PageRequest page) {
        String sql = "select * from activity where " + TenantDatabase.CURRENT_TENANT + " and " + Keyset.after("id")
                + (kinds.isEmpty() ? "" : " and kind = any(:kinds)") + Keyset.ORDER_AND_LIMIT;
        GenericExecuteSpec spec = database.client().sql(sql);
        if (!kinds.isEmpty()) {
            spec = spec.bind("kinds", kinds.toArray(String[]::new));
        }
        return database.inTenantMany(Keyset.bind(spec, page).map(ActivityLog::map).all());
    }

    /** The caller's tenant's entries after {@code seq}, oldest first: what a reconnecting stream missed. */
    public Flux<Activity> after(long seq, int limit) {
        return database.inTenantMany(database.client().sql("""
                select * from activity where seq > :seq order by seq limit :limit""")
                .bind("seq", seq).bind("limit", limit).map(ActivityLog::map).all());
    }

    /**
     * Entries of the given tenants written within {@code lookback} (by the database's clock), across tenants (the live stream's poll). By the time
     * written rather than by {@code seq}: a transaction may commit a lower {@code seq} after a higher one.
     */
    public Flux<Recorded> recordedWithin(Duration lookback, Collection<UUID> tenants) {
        return database.inMany(DbScope.platformWide(), database.client().sql("""
                select * from activity where recorded_at >= clock_timestamp() - make_interval(secs => :secs)
                    and tenant_id = any(:tenants) order by seq""")
                .bind("secs", lookback.toMillis() / 1000.0).bind("tenants", tenants.toArray(UUID[]::new))
                .map(row -> new Recorded(map(row), Rows.instant(row, "recorded_at"))).all());
    }

    /** An entry and when it was written. */
    public record Recorded(Activity activity, Instant recordedAt) {
    }

    /** The newest position of the caller's tenant's feed (0 when it is empty). */
    public Mono<Long> lastSeq() {
        return database.inTenant(database.client().sql("select coalesce(max(seq), 0) as seq from activity")
                .map(row -> row.get("seq", Long.class)).one());
    }

    /** Forgets activity older than {@code before}; answers how many entries went. */
    public Mono<Long> purge(Instant before) {
        return database.in(DbScope.platformWide(), database.client()
                .sql("delete from activity where created_at < :before").bind("before", Rows.timestamp(before))
                .fetch().rowsUpdated());
    }

    private static Activity map(Readable row) {
        return new Activity(row.get("id", UUID.class), row.get("seq", Long.class), row.get("tenant_id", UUID.class),
                row.get("kind", String.class), row.get("severity", String.class), row.get("message", String.class),
                row.get("subject_id", UUID.class), Rows.instant(row, "created_at"));
    }
}
