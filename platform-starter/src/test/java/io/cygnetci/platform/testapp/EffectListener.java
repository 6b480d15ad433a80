package io.cygnetci.platform.testapp;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import io.cygnetci.platform.data.TenantDatabase;
import io.cygnetci.platform.events.CloudEventRecords;
import io.cygnetci.platform.events.IncomingEvent;
import io.cygnetci.platform.events.consume.ProcessedEvents;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import reactor.core.publisher.Mono;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Consumes the test topic like a real service: each event's effect is a row in {@code effects}, applied at most
 * once through {@link ProcessedEvents}. The effect of a {@link StarterTestApplication#POISON} event always fails.
 * Records what it saw so tests can tell "consumed and skipped" from "not consumed yet".
 */
@Component
public class EffectListener {

    /** The consumer name events are recorded under in {@code processed_events}. */
    public static final String CONSUMER = "starter-test-effects";

    private final ProcessedEvents processed;
    private final TenantDatabase database;
    private final Map<String, AtomicInteger> deliveries = new ConcurrentHashMap<>();
    private final Map<UUID, List<Boolean>> outcomes = new ConcurrentHashMap<>();

    EffectListener(ProcessedEvents processed, TenantDatabase database) {
        this.processed = processed;
        this.database = database;
    }

    // a listener thread, not an event loop: blocking on the unit of work is fine here
    @KafkaListener(topics = StarterTestApplication.TOPIC)
    void on(ConsumerRecord<String, byte[]> record) {
        deliveries.computeIfAbsent(ceId(record), id -> new AtomicInteger()).incrementAndGet();
        IncomingEvent event = CloudEventRecords.fromRecord(record);
        Boolean applied = processed.processOnce(CONSUMER, event, this::applyEffect).block(Duration.ofSeconds(10));
        outcomes.computeIfAbsent(event.id(), id -> new CopyOnWriteArrayList<>()).add(applied);
    }

    /** How often a record with this {@code ce_id} reached the listener (retries included). */
    public int deliveries(UUID eventId) {
        AtomicInteger count = deliveries.get(eventId.toString());
        return count == null ? 0 : count.get();
    }

    /** What {@link ProcessedEvents#processOnce} answered for each successful delivery of the event, in order. */
    public List<Boolean> outcomes(UUID eventId) {
        return List.copyOf(outcomes.getOrDefault(eventId, List.of()));
    }

    private Mono<Long> applyEffect(IncomingEvent event) {
        if (StarterTestApplication.POISON.equals(event.type())) {
            return Mono.error(new IllegalStateException("cannot apply event " + event.id()));
        }
        return database.client()
                .sql("insert into effects (id, tenant_id, event_id, note) values (:id, :tenant, :event, :note)")
                .bind("id", UUID.randomUUID())
                .bind("tenant", event.tenantId())
                .bind("event", event.id())
                .bind("note", event.type())
                .fetch().rowsUpdated();
    }

    private static String ceId(ConsumerRecord<String, byte[]> record) {
        Header id = record.headers().lastHeader("ce_id");
        return id == null ? "" : new String(id.value(), StandardCharsets.UTF_8);
    }
}
