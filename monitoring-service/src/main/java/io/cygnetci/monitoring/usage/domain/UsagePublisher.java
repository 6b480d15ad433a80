package io.cygnetci.monitoring.usage.domain;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.cygnetci.monitoring.config.MonitoringProperties;
import io.cygnetci.monitoring.usage.event.UsageEvents;
import io.cygnetci.platform.data.DbScope;
import io.cygnetci.platform.data.TenantDatabase;
import io.cygnetci.platform.events.outbox.Outbox;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

/**
 * Publishes each usage window once it has closed and its grace period has passed: the record goes into the outbox
 * in the transaction that marks the window published, so it is published exactly once from the database, and at
 * least once to Kafka under an id a billing consumer deduplicates by. Replicas share the work
 * ({@code for update skip locked}).
 */
@Component
public class UsagePublisher {

    private static final int BATCH = 200;

    private final TenantDatabase database;
    private final UsageWindows windows;
    private final Outbox outbox;
    private final UsageMetrics metrics;
    private final Clock clock;
    private final Duration grace;

    public UsagePublisher(TenantDatabase database, UsageWindows windows, Outbox outbox, UsageMetrics metrics,
            Clock clock, MonitoringProperties properties) {
        this.database = database;
        this.windows = windows;
        this.outbox = outbox;
        this.metrics = metrics;
        this.clock = clock;
        this.grace = properties.usage().grace();
    }

    /** Publishes one batch of closed windows; answers how many. */
    public Mono<Integer> publishClosed() {
        Instant now = clock.instant();
        return database.in(DbScope.platformWide(), windows.lockClosed(now.minus(grace), BATCH)
                .concatMap(w -> outbox.enqueue(UsageEvents.recorded(w, now), w.recordId())
                        .then(windows.markPublished(w, now)).thenReturn(w))
                .collectList())
                .doOnNext(published -> published.forEach(w -> metrics.published(w.meter())))
                .map(List::size);
    }
}
