package io.cygnetci.platform.events;

import java.net.URI;
import java.time.OffsetDateTime;
import java.util.UUID;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.kafka.KafkaMessageFactory;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;

/** Maps events to and from Kafka records in CloudEvents binary mode ({@code ce_*} headers, JSON data). */
public final class CloudEventRecords {

    private CloudEventRecords() {
    }

    public static ProducerRecord<String, byte[]> toRecord(String topic, String key, UUID id, URI source, String type,
            String subject, UUID tenantId, OffsetDateTime time, byte[] json) {
        CloudEvent event = CloudEventBuilder.v1()
                .withId(id.toString())
                .withSource(source)
                .withType(type)
                .withSubject(subject)
                .withTime(time)
                .withDataContentType("application/json")
                .withExtension(CloudEventHeaders.TENANT_EXTENSION, tenantId.toString())
                .withData(json)
                .build();
        return KafkaMessageFactory.<String>createWriter(topic, key).writeBinary(event);
    }

    /**
     * A CloudEvents attribute of a record read straight from its header ({@code ce_<name>}), without decoding the
     * event: for listeners that only route on it (e.g. {@code type}, {@code subject}, {@code tenantid}).
     */
    public static java.util.Optional<String> attribute(ConsumerRecord<String, byte[]> record, String name) {
        org.apache.kafka.common.header.Header header = record.headers().lastHeader("ce_" + name);
        return header == null ? java.util.Optional.empty()
                : java.util.Optional.of(new String(header.value(), java.nio.charset.StandardCharsets.UTF_8));
    }

    /** A CloudEvents attribute holding a UUID; empty when it is missing or not a UUID. */
    public static java.util.Optional<UUID> uuidAttribute(ConsumerRecord<String, byte[]> record, String name) {
        return attribute(record, name).flatMap(value -> {
            try {
                return java.util.Optional.of(UUID.fromString(value));
            }
            catch (IllegalArgumentException ex) {
                return java.util.Optional.empty();
            }
        });
    }

    public static IncomingEvent fromRecord(ConsumerRecord<String, byte[]> record) {
        CloudEvent event = KafkaMessageFactory.createReader(record).toEvent();
        Object tenant = event.getExtension(CloudEventHeaders.TENANT_EXTENSION);
        if (tenant == null) {
            throw new IllegalArgumentException("Event " + event.getId() + " has no tenantid extension");
        }
        return new IncomingEvent(UUID.fromString(event.getId()), event.getType(), event.getSource(), event.getSubject(),
                UUID.fromString(tenant.toString()), event.getTime(),
                event.getData() == null ? new byte[0] : event.getData().toBytes(), record.topic());
    }
}
