package io.cygnetci.platform.events;

import java.net.URI;
import java.time.OffsetDateTime;
import java.util.UUID;

import tools.jackson.databind.json.JsonMapper;

/** A CloudEvent read from Kafka. Its {@code id} is the idempotency key. */
public record IncomingEvent(UUID id, String type, URI source, String subject, UUID tenantId, OffsetDateTime time,
        byte[] data, String topic) {

    public <T> T data(JsonMapper json, Class<T> type) {
        return json.readValue(data, type);
    }
}
