package io.cygnetci.agent.tenant;

import java.time.Duration;

import io.cygnetci.platform.events.CloudEventRecords;
import io.cygnetci.platform.tenancy.directory.TenantChange;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Keeps the tenant view current from {@code cygnetci.tenants.v1} (status and {@code max_agents}). Events of one
 * tenant share a partition, so they arrive in order; applying one sets state, so a redelivery changes nothing.
 * A record that cannot be applied is retried, then sent to {@code cygnetci.tenants.v1.dlt}.
 */
@Component
class TenantEventsListener {

    private static final Duration APPLY_TIMEOUT = Duration.ofSeconds(10);

    private final TenantViews views;
    private final JsonMapper json;

    TenantEventsListener(TenantViews views, JsonMapper json) {
        this.views = views;
        this.json = json;
    }

    @KafkaListener(topics = "cygnetci.tenants.v1", groupId = "${spring.application.name}")
    void on(ConsumerRecord<String, byte[]> record) {
        TenantChange.of(CloudEventRecords.fromRecord(record), json).ifPresent(change -> {
            int maxAgents = change.plan().maxAgents() == null ? 0 : change.plan().maxAgents();
            // a listener thread, not an event loop: waiting here keeps the partition's events in order
            views.apply(new TenantView(change.tenantId(), change.slug(), change.active(), change.deleted(),
                    maxAgents)).block(APPLY_TIMEOUT);
        });
    }
}
