package io.cygnetci.monitoring.check.domain;

import java.net.URI;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.UUID;

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

/** SQL over {@code services} and {@code check_results}; every method runs inside the caller's transaction. */
@Repository
public class HealthCheckRepository {

    private final TenantDatabase database;

    public HealthCheckRepository(TenantDatabase database) {
        this.database = database;
    }

    public Mono<HealthCheck> findById(UUID id) {
        return database.client().sql("select * from services where id = :id").bind("id", id)
                .map(HealthCheckRepository::map).one();
    }

    public Mono<HealthCheck> lock(UUID id) {
        return database.client().sql("select * from services where id = :id for update").bind("id", id)
                .map(HealthCheckRepository::map).one();
    }

    public Mono<Long> count() {
        return database.client().sql("select count(*) as n from services where " + TenantDatabase.CURRENT_TENANT).map(row -> row.get("n", Long.class)).one();
    }

    public Mono<Boolean> nameTaken(String name, UUID except) {
        return database.client().sql("select exists (select 1 from services where lower(name) = lower(:name) "
                + "and id <> :except) as taken").bind("name", name)
                .bind("except", except == null ? new UUID(0, 0) : except)
                .map(row -> Boolean.TRUE.equals(row.get("taken", Boolean.class))).one();
    }

    public Mono<HealthCheck> insert(UUID id, UUID tenantId, HealthCheckDefinition d, Instant now) {
        return bindDefinition(database.client().sql("""
                insert into services (id, tenant_id, name, kind, url, expected_status, body_contains, host, port,
                    interval_seconds, timeout_ms, warning_threshold_ms, enabled, next_check_at, created_at, updated_at)
                values (:id, :tenant, :name, :kind, :url, :expected, :body, :host, :port, :interval, :timeout,
                    :warning, :enabled, :now, :now, :now)
                returning *"""), d)
                .bind("id", id).bind("tenant", tenantId).bind("now", Rows.timestamp(now))
                .map(HealthCheckRepository::map).one();
    }

    /** Replaces what the user defines; a changed target is checked at once and its state starts over. */
    public Mono<HealthCheck> update(UUID id, HealthCheckDefinition d, boolean targetChanged, Instant now) {
        String reset = targetChanged ? ", status = 'unknown', last_response_ms = null, last_error = null, "
                + "last_checked_at = null, next_check_at = :now" : "";
        return bindDefinition(database.client().sql("""
                update services set name = :name, kind = :kind, url = :url, expected_status = :expected,
                    body_contains = :body, host = :host, port = :port, interval_seconds = :interval,
                    timeout_ms = :timeout, warning_threshold_ms = :warning, enabled = :enabled, updated_at = :now"""
                + reset + " where id = :id returning *"), d)
                .bind("id", id).bind("now", Rows.timestamp(now))
                .map(HealthCheckRepository::map).one();
    }

    private static GenericExecuteSpec bindDefinition(GenericExecuteSpec spec, HealthCheckDefinition d) {
        boolean http = HealthCheck.HTTP.equals(d.kind());
        return spec.bind("name", d.name()).bind("kind", d.kind())
                .bind("url", Parameter.fromOrEmpty(http ? d.url().toString() : null, String.class))
                .bind("expected", Parameter.fromOrEmpty(http ? d.expectedStatus() : null, Integer.class))
                .bind("body", Parameter.fromOrEmpty(http ? d.bodyContains() : null, String.class))
                .bind("host", Parameter.fromOrEmpty(http ? null : d.host(), String.class))
                .bind("port", Parameter.fromOrEmpty(http ? null : d.port(), Integer.class))
                .bind("interval", d.intervalSeconds()).bind("timeout", d.timeoutMs())
                .bind("warning", d.warningThresholdMs()).bind("enabled", d.enabled());
    }

    public Mono<Long> delete(UUID id) {
        return database.client().sql("delete from services where id = :id").bind("id", id).fetch().rowsUpdated();
    }

    public Flux<HealthCheck> list(String status, String q, PageRequest page) {
        String sql = "select * from services where " + TenantDatabase.CURRENT_TENANT + " and " + Keyset.after("id")
                + (status == null ? "" : " and status = :status")
                + (q == null ? "" : " and name ilike :q") + Keyset.ORDER_AND_LIMIT;
        GenericExecuteSpec spec = database.client().sql(sql);
        if (status != null) {
            spec = spec.bind("status", status);
        }
        if (q != null) {
            spec = spec.bind("q", "%" + q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
        }
        return Keyset.bind(spec, page).map(HealthCheckRepository::map).all();
    }

    /**
     * Claims due checks across tenants (platform scope) and moves their next run on by their interval. Fair: every
     * tenant's first due check comes before any tenant's second, and a tenant gets no more than
     * {@code perTenant} running at once, counting {@code running} (its checks still running in this replica).
     * Replicas never claim the same check ({@code skip locked}).
     */
    public Flux<HealthCheck> claimDue(Instant now, int limit, int perTenant, Map<UUID, Integer> running) {
        Collection<UUID> busy = running.keySet();
        return database.client().sql("""
                with busy as (
                    select * from unnest(cast(:busyTenants as uuid[]), cast(:busyCounts as int[]))
                        as b(tenant_id, running)
                ), due as (
                    select s.id, s.next_check_at, coalesce(b.running, 0) as running,
                           row_number() over (partition by s.tenant_id order by s.next_check_at, s.id) as turn
                    from services s
                    left join tenants t on t.tenant_id = s.tenant_id
                    left join busy b on b.tenant_id = s.tenant_id
                    where s.enabled and s.next_check_at <= :now and coalesce(t.active and not t.deleted, true)
                ), picked as (
                    select id from due where turn + running <= :perTenant order by turn, next_check_at limit :limit
                ), claimed as (
                    select s.id from services s join picked p on p.id = s.id
                    where s.next_check_at <= :now for update of s skip locked
                )
                update services s set next_check_at = :now + make_interval(secs => s.interval_seconds)
                from claimed where s.id = claimed.id
                returning s.*""")
                .bind("busyTenants", busy.toArray(UUID[]::new))
                .bind("busyCounts", busy.stream().map(running::get).toArray(Integer[]::new))
                .bind("now", Rows.timestamp(now)).bind("perTenant", perTenant).bind("limit", limit)
                .map(HealthCheckRepository::map).all();
    }

    public Mono<Void> recordState(UUID id, CheckResult result) {
        return database.client().sql("""
                update services set status = :status, last_response_ms = :ms, last_error = :error,
                    last_checked_at = :at where id = :id""")
                .bind("id", id).bind("status", result.status())
                .bind("ms", Parameter.fromOrEmpty(result.responseMs(), Integer.class))
                .bind("error", Parameter.fromOrEmpty(result.error(), String.class))
                .bind("at", Rows.timestamp(result.checkedAt())).then();
    }

    public Mono<Void> insertResult(UUID tenantId, CheckResult r) {
        return database.client().sql("""
                insert into check_results (id, service_id, tenant_id, status, response_ms, error, checked_at)
                values (:id, :service, :tenant, :status, :ms, :error, :at)""")
                .bind("id", r.id()).bind("service", r.serviceId()).bind("tenant", tenantId).bind("status", r.status())
                .bind("ms", Parameter.fromOrEmpty(r.responseMs(), Integer.class))
                .bind("error", Parameter.fromOrEmpty(r.error(), String.class))
                .bind("at", Rows.timestamp(r.checkedAt())).then();
    }

    /** A check's results, newest first, optionally since a time. */
    public Flux<CheckResult> results(UUID serviceId, Instant since, int limit) {
        return database.client().sql("""
                select * from check_results where %s and service_id = :service
                    and (cast(:since as timestamptz) is null or checked_at >= :since)
                order by checked_at desc, id desc limit :limit""".formatted(TenantDatabase.CURRENT_TENANT))
                .bind("service", serviceId).bind("since", Rows.timestamp(since)).bind("limit", limit)
                .map(row -> new CheckResult(row.get("id", UUID.class), row.get("service_id", UUID.class),
                        row.get("status", String.class), row.get("response_ms", Integer.class),
                        row.get("error", String.class), Rows.instant(row, "checked_at")))
                .all();
    }

    /** Forgets results older than {@code before}, across tenants (platform scope); answers how many. */
    public Mono<Long> purgeResults(Instant before) {
        return database.client().sql("delete from check_results where checked_at < :before")
                .bind("before", Rows.timestamp(before)).fetch().rowsUpdated();
    }

    static HealthCheck map(Readable row) {
        String url = row.get("url", String.class);
        return new HealthCheck(row.get("id", UUID.class), row.get("tenant_id", UUID.class),
                row.get("name", String.class), row.get("kind", String.class), url == null ? null : URI.create(url),
                row.get("expected_status", Integer.class), row.get("body_contains", String.class),
                row.get("host", String.class), row.get("port", Integer.class),
                row.get("interval_seconds", Integer.class), row.get("timeout_ms", Integer.class),
                row.get("warning_threshold_ms", Integer.class), Boolean.TRUE.equals(row.get("enabled", Boolean.class)),
                row.get("status", String.class), row.get("last_response_ms", Integer.class),
                row.get("last_error", String.class), Rows.instant(row, "last_checked_at"),
                Rows.instant(row, "next_check_at"), Rows.instant(row, "created_at"), Rows.instant(row, "updated_at"));
    }
}
