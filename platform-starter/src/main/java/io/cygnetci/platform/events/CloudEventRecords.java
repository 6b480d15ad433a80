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
