package io.cygnetci.pipeline.tenant;

import java.time.Duration;
import java.util.UUID;

import io.cygnetci.pipeline.config.PipelineProperties;
import io.cygnetci.pipeline.execution.domain.QueuedExecutions;
import io.cygnetci.platform.events.CloudEventRecords;
import io.cygnetci.platform.events.IncomingEvent;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Keeps the tenant view current from {@code cygnetci.tenants.v1}. A tenant that stops being usable (deactivated or
 * deleted) has its queued executions cancelled; running ones finish. Events of one tenant share a partition, so
 * they arrive in order; applying one sets state and cancelling finds nothing the second time, so a redelivery
 * changes nothing. A record that cannot be applied is retried, then sent to {@code cygnetci.tenants.v1.dlt}.
 */
@Component
class TenantEventsListener {

    private static final String PREFIX = "io.cygnetci.tenant.";
    private static final Duration APPLY_TIMEOUT = Duration.ofSeconds(30);

    private final TenantViews views;
    private final QueuedExecutions queued;
    private final PipelineProperties properties;
    private final JsonMapper json;

    TenantEventsListener(TenantViews views, QueuedExecutions queued, PipelineProperties properties,
            JsonMapper json) {
        this.views = views;
        this.queued = queued;
        this.properties = properties;
        this.json = json;
    }

    @KafkaListener(topics = "cygnetci.tenants.v1", groupId = "${spring.application.name}")
    void on(ConsumerRecord<String, byte[]> record) {
        IncomingEvent event = CloudEventRecords.fromRecord(record);
        if (!event.type().startsWith(PREFIX)) {
            return;
        }
        JsonNode data = json.readTree(event.data());
        UUID tenant = UUID.fromString(data.get("tenant_id").asString());
        String slug = data.path("slug").asString("");
        JsonNode plan = data.path("plan");
        TenantView view = event.type().equals(PREFIX + "deleted.v1")
                ? new TenantView(tenant, slug, false, true, 0, 0)
                : new TenantView(tenant, slug, data.get("active").asBoolean(), false,
                        plan.path("max_pipelines").asInt(properties.defaultMaxPipelines()),
                        plan.path("executions_per_hour").asInt(properties.defaultExecutionsPerHour()));
        // a listener thread, not an event loop: waiting here keeps the partition's events in order
        views.apply(view)
                .flatMap(wasUsable -> view.usable() ? Mono.empty()
                        : queued.cancelAll(tenant, view.deleted() ? "tenant_deleted" : "tenant_deactivated"))
                .block(APPLY_TIMEOUT);
    }
}
