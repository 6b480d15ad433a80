package io.cygnetci.agent.tenant;

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
 * Keeps the tenant view current from {@code cygnetci.tenants.v1} (status and {@code max_agents}). Events of one
 * tenant share a partition, so they arrive in order; applying one sets state, so a redelivery changes nothing.
 * A record that cannot be applied is retried, then sent to {@code cygnetci.tenants.v1.dlt}.
 */
@Component
class TenantEventsListener {

    private static final String PREFIX = "io.cygnetci.tenant.";
    private static final Duration APPLY_TIMEOUT = Duration.ofSeconds(10);

    private final TenantViews views;
    private final JsonMapper json;

    TenantEventsListener(TenantViews views, JsonMapper json) {
        this.views = views;
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
        TenantView view;
        if (event.type().equals(PREFIX + "deleted.v1")) {
            view = new TenantView(tenant, slug, false, true, 0);
        }
        else {
            view = new TenantView(tenant, slug, data.get("active").asBoolean(), false,
                    data.path("plan").path("max_agents").asInt(0));
        }
        // a listener thread, not an event loop: waiting here keeps the partition's events in order
        views.apply(view).block(APPLY_TIMEOUT);
    }
}
