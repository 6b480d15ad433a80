package io.cygnetci.pipeline.execution.event;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import io.cygnetci.pipeline.execution.domain.QueueWakeups;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Every replica reads {@code queued} events with a group of its own (from the latest offset) and wakes the job
 * requests waiting on that tenant's queue: work queued on one replica reaches runners long-polling another.
 */
@Component
class QueuedWorkListener {

    private final QueueWakeups wakeups;

    QueuedWorkListener(QueueWakeups wakeups) {
        this.wakeups = wakeups;
    }

    @KafkaListener(topics = ExecutionEvents.TOPIC, groupId = "${spring.application.name}-queue-${random.uuid}",
            properties = "auto.offset.reset=latest")
    void on(ConsumerRecord<String, byte[]> record) {
        Header type = record.headers().lastHeader("ce_type");
        Header tenant = record.headers().lastHeader("ce_tenantid");
        if (type == null || tenant == null
                || !ExecutionEvents.QUEUED.equals(new String(type.value(), StandardCharsets.UTF_8))) {
            return;
        }
        try {
            wakeups.wake(UUID.fromString(new String(tenant.value(), StandardCharsets.UTF_8)));
        }
        catch (IllegalArgumentException ex) {
            // not a tenant id: nobody waits on it
        }
    }
}
