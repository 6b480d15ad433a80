package io.cygnetci.platform.events.outbox;

import java.util.UUID;

import io.cygnetci.platform.events.OutboxEvent;
import io.r2dbc.postgresql.codec.Json;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.r2dbc.core.DatabaseClient;

/**
 * Writes events into the {@code outbox} table inside the caller's transaction, so a state change and its event
 * commit together or not at all; {@link OutboxRelay} publishes them afterwards.
 */
public class Outbox {

    private final DatabaseClient client;
    private final JsonMapper json;
    private final OutboxRelay relay;

    public Outbox(DatabaseClient client, JsonMapper json, OutboxRelay relay) {
        this.client = client;
        this.json = json;
        this.relay = relay;
    }

    /** Must run inside a tenant transaction (see {@code TenantDatabase}); answers the event id. */
    public Mono<UUID> enqueue(OutboxEvent event) {
        return enqueue(event, UUID.randomUUID());
    }

    /**
     * Enqueues with a given event id: for events whose id must be the same however often they are produced (a
     * record a consumer deduplicates by id). The id is the outbox row's key, so enqueuing it twice fails.
     */
    public Mono<UUID> enqueue(OutboxEvent event, UUID id) {
        return Mono.fromCallable(() -> json.writeValueAsString(event.data()))
                .flatMap(payload -> client.sql("""
                        insert into outbox (id, tenant_id, topic, message_key, event_type, subject, payload)
                        values (:id, :tenant, :topic, :key, :type, :subject, :payload)""")
                        .bind("id", id)
                        .bind("tenant", event.tenantId())
                        .bind("topic", event.topic())
                        .bind("key", event.key())
                        .bind("type", event.type())
                        .bind("subject", event.subject())
                        .bind("payload", Json.of(payload))
                        .fetch().rowsUpdated())
                .doOnSuccess(rows -> {
                    if (relay != null) {
                        relay.wakeUpAfterCommit();
                    }
                })
                .thenReturn(id);
    }
}
