package io.cygnetci.pipeline.execution.domain;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

import org.springframework.stereotype.Component;

/**
 * Wakes the job requests waiting on a tenant's queue when work is queued for it: at once on the replica that
 * queued it, and on the others when its {@code queued} event arrives. A waiter remembers the tenant's generation
 * before it looks at the queue and waits only while the generation is unchanged, so a wake-up that comes between
 * its look and its wait is not missed.
 */
@Component
public class QueueWakeups {

    private static final Duration AFTER_COMMIT = Duration.ofMillis(50);

    private final Map<UUID, AtomicLong> generations = new ConcurrentHashMap<>();
    private final Sinks.Many<UUID> wakeups = Sinks.many().multicast().directBestEffort();

    public long generation(UUID tenantId) {
        AtomicLong generation = generations.get(tenantId);
        return generation == null ? 0 : generation.get();
    }

    /** Wakes the tenant's waiters now and once more shortly after, in case the queuing had not committed yet. */
    public void wake(UUID tenantId) {
        signal(tenantId);
        Mono.delay(AFTER_COMMIT).subscribe(tick -> signal(tenantId));
    }

    private void signal(UUID tenantId) {
        generations.computeIfAbsent(tenantId, id -> new AtomicLong()).incrementAndGet();
        synchronized (wakeups) {
            wakeups.tryEmitNext(tenantId);
        }
    }

    /** Completes when the tenant's queue changed after {@code seen} (at once if it already has). */
    public Mono<Void> changedSince(UUID tenantId, long seen) {
        Flux<UUID> next = wakeups.asFlux().filter(tenantId::equals);
        Mono<UUID> already = Mono.fromCallable(() -> generation(tenantId) != seen ? tenantId : null);
        // subscribe to the wake-ups first, then compare generations: nothing falls between the two
        return Flux.merge(next, already).next().then();
    }
}
