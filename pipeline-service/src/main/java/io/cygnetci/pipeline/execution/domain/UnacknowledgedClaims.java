package io.cygnetci.pipeline.execution.domain;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import io.cygnetci.pipeline.config.PipelineProperties;
import io.cygnetci.pipeline.execution.event.ExecutionEvents;
import io.cygnetci.platform.data.DbScope;
import io.cygnetci.platform.data.Rows;
import io.cygnetci.platform.data.TenantDatabase;
import io.cygnetci.platform.events.outbox.Outbox;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Claims whose answer never reached the runner: an execution claimed longer than the lease ago with no step
 * started is queued again (its {@code queued} event says so once more), or ended {@code cancelled} if a user asked
 * for that meanwhile. Every replica looks; {@code SKIP LOCKED} keeps two from taking the same execution.
 */
@Component
public class UnacknowledgedClaims implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(UnacknowledgedClaims.class);

    private final TenantDatabase database;
    private final ExecutionRepository executions;
    private final ExecutionOutcomes outcomes;
    private final QueueWakeups wakeups;
    private final Outbox outbox;
    private final PipelineProperties properties;
    private final Clock clock;
    private volatile Disposable checking;

    public UnacknowledgedClaims(TenantDatabase database, ExecutionRepository executions, ExecutionOutcomes outcomes,
            QueueWakeups wakeups, Outbox outbox, PipelineProperties properties, Clock clock) {
        this.database = database;
        this.executions = executions;
        this.outcomes = outcomes;
        this.wakeups = wakeups;
        this.outbox = outbox;
        this.properties = properties;
        this.clock = clock;
    }

    /** Re-queues (or ends) every expired claim; answers how many. */
    public Mono<Long> release() {
        Instant now = clock.instant();
        Instant deadline = now.minus(properties.claimLease());
        return database.inMany(DbScope.platformWide(), database.client().sql("""
                select e.* from executions e
                where e.status = 'running' and e.started_at < :deadline
                    and not exists (select 1 from execution_steps s
                                    where s.execution_id = e.id and s.status <> 'pending')
                order by e.started_at
                limit 100
                for update skip locked""")
                .bind("deadline", Rows.timestamp(deadline))
                .map(executions::map).all()
                .concatMap(claim -> claim.cancelRequestedAt() != null
                        ? outcomes.end(claim.id(), ExecutionStatus.CANCELLED, "cancelled_by_user", now)
                        : executions.requeue(claim.id())
                                .flatMap(queued -> outbox.enqueue(ExecutionEvents.snapshot(ExecutionEvents.QUEUED,
                                        queued, now)).thenReturn(queued))
                                .doOnNext(queued -> log.warn("Execution {} of tenant {} was claimed by agent {} "
                                        + "that started nothing within {}: queued again", queued.id(),
                                        queued.tenantId(), claim.claimedBy(), properties.claimLease()))))
                .doOnNext(execution -> wakeups.wake(execution.tenantId()))
                .count();
    }

    @Override
    public void start() {
        Duration interval = properties.leaseCheckInterval();
        if (interval.isZero() || interval.isNegative()) {
            return;
        }
        checking = Flux.interval(interval, interval)
                .concatMap(tick -> release().onErrorResume(ex -> {
                    log.warn("Could not look for unacknowledged claims: {}", ex.toString());
                    return Mono.empty();
                }))
                .subscribe();
    }

    @Override
    public void stop() {
        if (checking != null) {
            checking.dispose();
        }
    }

    @Override
    public boolean isRunning() {
        return checking != null && !checking.isDisposed();
    }
}
