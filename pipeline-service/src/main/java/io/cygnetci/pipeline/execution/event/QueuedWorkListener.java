package io.cygnetci.pipeline.execution.event;

import io.cygnetci.pipeline.execution.domain.QueueWakeups;
import io.cygnetci.platform.events.CloudEventHeaders;
import io.cygnetci.platform.events.CloudEventRecords;
import org.apache.kafka.clients.consumer.ConsumerRecord;

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
        if (CloudEventRecords.attribute(record, "type").filter(ExecutionEvents.QUEUED::equals).isPresent()) {
            CloudEventRecords.uuidAttribute(record, CloudEventHeaders.TENANT_EXTENSION).ifPresent(wakeups::wake);
        }
    }
}
