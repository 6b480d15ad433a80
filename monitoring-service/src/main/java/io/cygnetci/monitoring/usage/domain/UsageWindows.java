package io.cygnetci.monitoring.usage.domain;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import io.cygnetci.monitoring.config.MonitoringProperties;
import io.cygnetci.platform.data.Rows;
import io.cygnetci.platform.data.TenantDatabase;
import io.r2dbc.spi.Readable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Repository;

/**
 * Usage in fixed windows ({@code cygnetci.monitoring.usage.window}, aligned to the epoch): one row per tenant, meter
 * and window, published once the window has closed. Usage of a window already published goes into the window
 * that is open now, so nothing metered is ever lost or billed twice.
 */
@Repository
public class UsageWindows {

    private final TenantDatabase database;
    private final Duration window;

    public UsageWindows(TenantDatabase database, MonitoringProperties properties) {
        this.database = database;
        this.window = properties.usage().window();
    }

    /** Adds usage that happened at {@code at}, inside the caller's transaction; {@code now} picks a late one's window. */
    public Mono<Void> add(UUID tenantId, Meter meter, Instant at, BigDecimal quantity, Instant now) {
        if (quantity.signum() <= 0) {
            return Mono.empty();
        }
        return addTo(tenantId, meter, windowStart(at), quantity)
                .switchIfEmpty(Mono.defer(() -> addTo(tenantId, meter, windowStart(now), quantity)))
                .then();
    }

    /** Splits a span (agent minutes) over the windows it touches. */
    public Mono<Void> addSpan(UUID tenantId, Meter meter, Instant from, Instant to, Instant now) {
        if (!to.isAfter(from)) {
            return Mono.empty();
        }
        Flux<Void> pieces = Flux.empty();
        Instant start = from;
        while (start.isBefore(to)) {
            Instant end = windowStart(start).plus(window);
            Instant pieceEnd = end.isBefore(to) ? end : to;
            BigDecimal minutes = minutes(Duration.between(start, pieceEnd));
            Instant pieceStart = start;
            pieces = pieces.concatWith(Mono.defer(() -> add(tenantId, meter, pieceStart, minutes, now)));
            start = pieceEnd;
        }
        return pieces.then();
    }

    /**
     * Takes back usage metered ahead of what happened (agent minutes metered up to now, when the event saying the
     * agent left comes later). Only from windows not yet published, and never below zero.
     */
    public Mono<Void> subtractSpan(UUID tenantId, Meter meter, Instant from, Instant to) {
        Flux<Void> pieces = Flux.empty();
        Instant start = from;
        while (start.isBefore(to)) {
            Instant end = windowStart(start).plus(window);
            Instant pieceEnd = end.isBefore(to) ? end : to;
            BigDecimal minutes = minutes(Duration.between(start, pieceEnd));
            Instant windowStart = windowStart(start);
            pieces = pieces.concatWith(database.client().sql("""
                    update usage_windows set quantity = greatest(0, quantity - :quantity)
                    where tenant_id = :tenant and meter = :meter and window_start = :start and published_at is null""")
                    .bind("quantity", minutes).bind("tenant", tenantId).bind("meter", meter.id())
                    .bind("start", Rows.timestamp(windowStart)).then());
            start = pieceEnd;
        }
        return pieces.then();
    }

    /** Minutes with three decimals (a thousandth of a minute is 60 ms), rounded half up. */
    public static BigDecimal minutes(Duration duration) {
        return BigDecimal.valueOf(duration.toMillis()).divide(BigDecimal.valueOf(60_000), 3,
                java.math.RoundingMode.HALF_UP);
    }

    private Mono<Instant> addTo(UUID tenantId, Meter meter, Instant start, BigDecimal quantity) {
        return database.client().sql("""
                insert into usage_windows (tenant_id, meter, window_start, window_end, quantity, record_id)
                values (:tenant, :meter, :start, :end, :quantity, :record)
                on conflict (tenant_id, meter, window_start)
                do update set quantity = usage_windows.quantity + excluded.quantity
                where usage_windows.published_at is null
                returning window_start""")
                .bind("tenant", tenantId).bind("meter", meter.id()).bind("start", Rows.timestamp(start))
                .bind("end", Rows.timestamp(start.plus(window))).bind("quantity", quantity)
                .bind("record", recordId(tenantId, meter, start))
                .map(row -> Rows.instant(row, "window_start")).one();
    }

    public Instant windowStart(Instant at) {
        long size = window.toMillis();
        return Instant.ofEpochMilli(Math.floorDiv(at.toEpochMilli(), size) * size);
    }

    /** The usage record's id: derived from what it is of, so every publication of it carries the same id. */
    public static UUID recordId(UUID tenantId, Meter meter, Instant windowStart) {
        return UUID.nameUUIDFromBytes(("cygnetci.usage:" + tenantId + ':' + meter.id() + ':' + windowStart)
                .getBytes(StandardCharsets.UTF_8));
    }

    /** Closed windows not yet published, across tenants, locked for the caller's platform-wide transaction. */
    public Flux<UsageWindow> lockClosed(Instant closedBefore, int limit) {
        return database.client().sql("""
                select * from usage_windows where published_at is null and window_end <= :before
                order by window_end limit :limit for update skip locked""")
                .bind("before", Rows.timestamp(closedBefore)).bind("limit", limit)
                .map(UsageWindows::map).all();
    }

    public Mono<Void> markPublished(UsageWindow w, Instant now) {
        return database.client().sql("""
                update usage_windows set published_at = :now
                where tenant_id = :tenant and meter = :meter and window_start = :start""")
                .bind("now", Rows.timestamp(now)).bind("tenant", w.tenantId()).bind("meter", w.meter().id())
                .bind("start", Rows.timestamp(w.start())).then();
    }

    /** The caller's tenant's totals per meter over the windows starting in {@code [from, to)}. */
    public Flux<MeterTotal> totals(Instant from, Instant to) {
        return database.inTenantMany(database.client().sql("""
                select meter, sum(quantity) as quantity, count(*) as windows from usage_windows
                where %s and window_start >= :from and window_start < :to group by meter"""
                .formatted(TenantDatabase.CURRENT_TENANT))
                .bind("from", Rows.timestamp(from)).bind("to", Rows.timestamp(to))
                .map(row -> new MeterTotal(Meter.of(row.get("meter", String.class)).orElseThrow(),
                        row.get("quantity", BigDecimal.class), row.get("windows", Long.class)))
                .all());
    }

    /** The caller's tenant's windows starting in {@code [from, to)}, oldest first. */
    public Flux<UsageWindow> list(Instant from, Instant to) {
        return database.inTenantMany(database.client().sql("""
                select * from usage_windows where %s and window_start >= :from and window_start < :to
                order by window_start, meter""".formatted(TenantDatabase.CURRENT_TENANT))
                .bind("from", Rows.timestamp(from)).bind("to", Rows.timestamp(to)).map(UsageWindows::map).all());
    }

    private static UsageWindow map(Readable row) {
        return new UsageWindow(row.get("tenant_id", UUID.class), Meter.of(row.get("meter", String.class)).orElseThrow(),
                Rows.instant(row, "window_start"), Rows.instant(row, "window_end"),
                row.get("quantity", BigDecimal.class), row.get("record_id", UUID.class),
                Rows.instant(row, "published_at"));
    }

    /** One window of one meter of one tenant. */
    public record UsageWindow(UUID tenantId, Meter meter, Instant start, Instant end, BigDecimal quantity,
            UUID recordId, Instant publishedAt) {
    }

    /** A meter's total over a period. */
    public record MeterTotal(Meter meter, BigDecimal quantity, long windows) {
    }
}
