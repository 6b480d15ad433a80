package io.cygnetci.monitoring.readmodel;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.UUID;

import io.cygnetci.platform.events.IncomingEvent;
import tools.jackson.databind.JsonNode;

/** Reading the fields of an event's JSON data, null-safe. */
public final class EventData {

    private EventData() {
    }

    public static UUID uuid(JsonNode data, String field) {
        JsonNode value = data.get(field);
        return value == null || value.isNull() ? null : UUID.fromString(value.asString());
    }

    public static String text(JsonNode data, String field) {
        JsonNode value = data.get(field);
        return value == null || value.isNull() ? null : value.asString();
    }

    public static Instant instant(JsonNode data, String field) {
        String value = text(data, field);
        return value == null ? null : OffsetDateTime.parse(value).toInstant();
    }

    /** When the event says it happened: {@code occurred_at}, else the CloudEvent's time, else now. */
    public static Instant occurredAt(IncomingEvent event, JsonNode data) {
        Instant at = instant(data, "occurred_at");
        if (at != null) {
            return at;
        }
        return event.time() != null ? event.time().toInstant() : Instant.now();
    }
}
