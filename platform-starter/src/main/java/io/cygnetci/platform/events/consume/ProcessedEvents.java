package io.cygnetci.platform.events.consume;

import java.util.function.Function;

import io.cygnetci.platform.data.TenantDatabase;
import io.cygnetci.platform.events.IncomingEvent;
import reactor.core.publisher.Mono;

/**
 * Applies an event's effect at most once per consumer: the event id is recorded in {@code processed_events} in
 * the same tenant transaction as the effect, so a redelivered event finds its id and changes nothing.
 */
public class ProcessedEvents {

    private final TenantDatabase database;

    public ProcessedEvents(TenantDatabase database) {
        this.database = database;
    }

    /** Answers {@code true} when the effect ran, {@code false} when the event had been processed before. */
    public Mono<Boolean> processOnce(String consumer, IncomingEvent event, Function<IncomingEvent, Mono<?>> effect) {
        return database.inTenant(event.tenantId(), database.client().sql("""
                insert into processed_events (consumer, event_id, tenant_id, event_type)
                values (:consumer, :id, :tenant, :type) on conflict do nothing""")
                .bind("consumer", consumer)
                .bind("id", event.id())
                .bind("tenant", event.tenantId())
                .bind("type", event.type())
                .fetch().rowsUpdated()
                .flatMap(inserted -> inserted == 0 ? Mono.just(false) : effect.apply(event).then(Mono.just(true))));
    }
}
