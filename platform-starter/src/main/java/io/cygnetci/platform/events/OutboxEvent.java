package io.cygnetci.platform.events;

import java.util.Objects;
import java.util.UUID;

/**
 * An event to publish once the surrounding transaction commits.
 *
 * @param topic the Kafka topic, e.g. {@code cygnetci.tenants.v1}
 * @param key the partition key (the tenant id, unless the topic says otherwise)
 * @param type the CloudEvents type, {@code io.cygnetci.<aggregate>.<event>.v1}
 * @param subject the id of the entity the event is about
 * @param tenantId the tenant the event belongs to (the {@code tenantid} extension)
 * @param data the payload, serialized as JSON
 */
public record OutboxEvent(String topic, String key, String type, String subject, UUID tenantId, Object data) {

    public OutboxEvent {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(data, "data");
        key = key == null ? tenantId.toString() : key;
    }

    /** An event keyed by its tenant, as most topics are. */
    public static OutboxEvent forTenant(String topic, String type, UUID tenantId, Object subject, Object data) {
        return new OutboxEvent(topic, tenantId.toString(), type, String.valueOf(subject), tenantId, data);
    }
}
