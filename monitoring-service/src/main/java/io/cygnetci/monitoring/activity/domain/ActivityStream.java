package io.cygnetci.monitoring.activity.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import reactor.core.publisher.BufferOverflowStrategy;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

import org.springframework.stereotype.Component;

/**
 * New activity for live subscribers. One poll per replica looks for rows written lately for the tenants someone
 * follows, so it works whichever replica consumed the event, and costs the same for one follower or a thousand.
 * Rows are polled by the time they were written, with a look-back, and each is passed on once.
 */
@Component
public class ActivityStream {

    private static final Duration LOOKBACK = Duration.ofSeconds(10);
    private static final int SUBSCRIBER_BUFFER = 1000;

    private final ActivityLog activity;
    private final Map<UUID, Followers> followed = new ConcurrentHashMap<>();
    private final Map<UUID, Instant> passedOn = new ConcurrentHashMap<>();

    public ActivityStream(ActivityLog activity) {
        this.activity = activity;
    }

    /** The tenant's activity recorded from now on whose position is after {@code afterSeq}. */
    public Flux<Activity> follow(UUID tenantId, long afterSeq) {
        return Flux.defer(() -> {
            Followers followers = followed.compute(tenantId, (t, f) -> (f == null ? new Followers() : f).join());
            return followers.sink.asFlux().filter(a -> a.seq() > afterSeq)
                    .onBackpressureBuffer(SUBSCRIBER_BUFFER, dropped -> { }, BufferOverflowStrategy.DROP_OLDEST)
                    .doFinally(signal -> followed.computeIfPresent(tenantId, (t, f) -> f.leave()));
        });
    }

    /** Passes on what was written lately for the followed tenants; one round of the stream's poll. */
    public Mono<Void> poll() {
        if (followed.isEmpty()) {
            return Mono.empty();
        }
        Instant forgetBefore = Instant.now().minus(LOOKBACK.multipliedBy(3));
        passedOn.values().removeIf(at -> at.isBefore(forgetBefore));
        return activity.recordedWithin(LOOKBACK, followed.keySet())
                .filter(r -> passedOn.putIfAbsent(r.activity().id(), Instant.now()) == null)
                .doOnNext(r -> {
                    Followers followers = followed.get(r.activity().tenantId());
                    if (followers != null) {
                        followers.sink.tryEmitNext(r.activity());
                    }
                })
                .then();
    }

    /** Ends every live stream (the application is stopping). */
    public void completeAll() {
        followed.values().forEach(f -> f.sink.tryEmitComplete());
        followed.clear();
    }

    /** A tenant's live subscribers: changed only inside the map's compute, so joining and leaving never race. */
    private static final class Followers {

        private final Sinks.Many<Activity> sink = Sinks.many().multicast().directBestEffort();
        private int count;

        Followers join() {
            count++;
            return this;
        }

        Followers leave() {
            return --count == 0 ? null : this;
        }
    }
}
