package io.cygnetci.agent.liveness.domain;

import java.time.Clock;
import java.time.Instant;

import io.cygnetci.agent.agent.domain.AgentRepository;
import io.cygnetci.agent.agent.event.AgentEvents;
import io.cygnetci.agent.config.AgentProperties;
import io.cygnetci.platform.data.DbScope;
import io.cygnetci.platform.data.Rows;
import io.cygnetci.platform.data.TenantDatabase;
import io.cygnetci.platform.events.outbox.Outbox;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Marks agents offline when their tenant's window passes without a heartbeat, and stale after a long time
 * offline. Every replica runs it; each transition happens in one transaction that locks the rows it changes
 * ({@code for update skip locked}) and writes the events to the outbox, so exactly one replica emits each one.
 */
@Component
public class LivenessDetector implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(LivenessDetector.class);
    private static final int BATCH = 1000;

    private final TenantDatabase database;
    private final Outbox outbox;
    private final AgentProperties properties;
    private final Clock clock;
    private final Counter offline;
    private final Counter stale;
    private volatile Disposable running;

    public LivenessDetector(TenantDatabase database, Outbox outbox, AgentProperties properties, Clock clock,
            MeterRegistry meters) {
        this.database = database;
        this.outbox = outbox;
        this.properties = properties;
        this.clock = clock;
        this.offline = Counter.builder("cygnetci.agent.liveness.transitions").tag("to", "offline").register(meters);
        this.stale = Counter.builder("cygnetci.agent.liveness.transitions").tag("to", "stale").register(meters);
    }

    /** One pass: answers how many agents changed state. */
    public Mono<Integer> detectOnce() {
        Instant now = clock.instant();
        return transition("""
                with due as (
                    select a.id from agents a left join agent_settings s on s.tenant_id = a.tenant_id
                    where a.status = 'online' and a.last_seen_at < :now - make_interval(secs =>
                        coalesce(s.offline_after_seconds, coalesce(s.heartbeat_interval_seconds, :interval) * :intervals))
                    order by a.id for update of a skip locked limit :batch)
                update agents a set status = 'offline', status_changed_at = :now
                from due where a.id = due.id returning a.*""", AgentEvents.OFFLINE, now, offline)
                .zipWith(transition("""
                        with due as (
                            select id from agents where status = 'offline'
                                and status_changed_at < :now - make_interval(secs => :stale)
                            order by id for update skip locked limit :batch)
                        update agents a set status = 'stale', status_changed_at = :now
                        from due where a.id = due.id returning a.*""", AgentEvents.STALE, now, stale),
                        Integer::sum);
    }

    private Mono<Integer> transition(String sql, String type, Instant now, Counter counter) {
        var spec = database.client().sql(sql).bind("now", Rows.timestamp(now)).bind("batch", BATCH);
        if (sql.contains(":interval")) {
            spec = spec.bind("interval", (int) properties.heartbeatInterval().toSeconds())
                    .bind("intervals", properties.offlineAfterIntervals());
        }
        if (sql.contains(":stale")) {
            spec = spec.bind("stale", (double) properties.staleAfter().toSeconds());
        }
        // all rows first, then the outbox inserts: see HeartbeatWriter
        var changed = spec.map(AgentRepository::mapRow).all().collectList()
                .flatMapMany(Flux::fromIterable)
                .concatMap(agent -> outbox.enqueue(AgentEvents.snapshot(type, agent, now)));
        return database.inMany(DbScope.platformWide(), changed).count()
                .map(Long::intValue)
                .doOnNext(counter::increment);
    }

    @Override
    public void start() {
        if (properties.detectorInterval().isZero()) {
            log.info("The liveness detector is off (cygnetci.agents.detector-interval is 0)");
            return;
        }
        running = Flux.interval(properties.detectorInterval())
                .onBackpressureDrop()
                .concatMap(tick -> detectOnce().onErrorResume(ex -> {
                    log.warn("Liveness pass failed: {}", ex.toString());
                    return Mono.empty();
                }), 1)
                .subscribe();
    }

    @Override
    public void stop() {
        if (running != null) {
            running.dispose();
        }
    }

    @Override
    public boolean isRunning() {
        return running != null && !running.isDisposed();
    }
}
