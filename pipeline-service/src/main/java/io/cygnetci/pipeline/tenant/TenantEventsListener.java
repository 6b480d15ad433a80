package io.cygnetci.pipeline.tenant;

import java.time.Duration;

import io.cygnetci.pipeline.config.PipelineProperties;
import io.cygnetci.pipeline.execution.domain.QueuedExecutions;
import io.cygnetci.platform.events.CloudEventRecords;
import io.cygnetci.platform.tenancy.directory.TenantChange;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import reactor.core.publisher.Mono;
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
        TenantChange.of(CloudEventRecords.fromRecord(record), json).ifPresent(change -> {
            TenantView view = new TenantView(change.tenantId(), change.slug(), change.active(), change.deleted(),
                    or(change.plan().maxPipelines(), properties.defaultMaxPipelines()),
                    or(change.plan().executionsPerHour(), properties.defaultExecutionsPerHour()));
            // a listener thread, not an event loop: waiting here keeps the partition's events in order
            views.apply(view)
                    .then(view.usable() ? Mono.empty() : queued.cancelAll(view.tenantId(),
                            view.deleted() ? "tenant_deleted" : "tenant_deactivated"))
                    .block(APPLY_TIMEOUT);
        });
    }

    private static int or(Integer value, int otherwise) {
        return value == null ? otherwise : value;
    }
}
