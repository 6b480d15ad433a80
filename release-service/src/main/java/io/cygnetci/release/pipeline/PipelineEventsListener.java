package io.cygnetci.release.pipeline;

import java.time.Duration;
import java.util.UUID;

import io.cygnetci.platform.events.CloudEventRecords;
import io.cygnetci.platform.events.IncomingEvent;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Keeps the pipeline view current from {@code cygnetci.pipelines.v1}, so a release can only name its own tenant's
 * pipelines. Applying an event sets state, so a redelivery changes nothing.
 */
@Component
class PipelineEventsListener {

    private static final String PREFIX = "io.cygnetci.pipeline.";
    private static final Duration APPLY_TIMEOUT = Duration.ofSeconds(30);

    private final PipelineViews views;
    private final JsonMapper json;

    PipelineEventsListener(PipelineViews views, JsonMapper json) {
        this.views = views;
        this.json = json;
    }

    @KafkaListener(topics = "cygnetci.pipelines.v1", groupId = "${spring.application.name}")
    void on(ConsumerRecord<String, byte[]> record) {
        IncomingEvent event = CloudEventRecords.fromRecord(record);
        if (!event.type().startsWith(PREFIX) || event.tenantId() == null) {
            return;
        }
        JsonNode data = json.readTree(event.data());
        PipelineView view = new PipelineView(UUID.fromString(data.get("pipeline_id").asString()), event.tenantId(),
                data.path("name").asString(""), event.type().equals(PREFIX + "deleted.v1"));
        // a listener thread, not an event loop: waiting here keeps the partition's events in order
        views.apply(view).block(APPLY_TIMEOUT);
    }
}
