package io.cygnetci.release.tenant;

import java.time.Duration;

import io.cygnetci.platform.events.CloudEventRecords;
import io.cygnetci.platform.tenancy.directory.TenantChange;
import io.cygnetci.release.config.ReleaseProperties;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Keeps the tenant view current from {@code cygnetci.tenants.v1}; a new tenant gets Dev, QA, Staging and
 * Production. Applying an event sets state, so a redelivery changes nothing. A record that cannot be applied is
 * retried, then sent to {@code cygnetci.tenants.v1.dlt}.
 */
@Component
class TenantEventsListener {

    private static final Duration APPLY_TIMEOUT = Duration.ofSeconds(30);

    private final TenantViews views;
    private final ReleaseProperties properties;
    private final JsonMapper json;

    TenantEventsListener(TenantViews views, ReleaseProperties properties, JsonMapper json) {
        this.views = views;
        this.properties = properties;
        this.json = json;
    }

    @KafkaListener(topics = "cygnetci.tenants.v1", groupId = "${spring.application.name}")
    void on(ConsumerRecord<String, byte[]> record) {
        TenantChange.of(CloudEventRecords.fromRecord(record), json).ifPresent(change -> {
            Integer perHour = change.plan().deploymentsPerHour();
            // a listener thread, not an event loop: waiting here keeps the partition's events in order
            views.apply(new TenantView(change.tenantId(), change.slug(), change.active(), change.deleted(),
                    perHour == null ? properties.defaultDeploymentsPerHour() : perHour)).block(APPLY_TIMEOUT);
        });
    }
}
