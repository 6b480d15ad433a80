package io.cygnetci.gateway.tenant;

import io.cygnetci.platform.events.CloudEventRecords;
import io.cygnetci.platform.tenancy.directory.TenantChange;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Keeps the {@link TenantDirectory} current from {@code cygnetci.tenants.v1}. Each gateway instance reads the
 * topic from the beginning with a group of its own, so every replica holds the whole directory. Applying an
 * event is idempotent (it sets state), so redelivery changes nothing.
 */
@Component
class TenantEventListener {

    private static final Logger log = LoggerFactory.getLogger(TenantEventListener.class);
    private final TenantDirectory directory;
    private final JsonMapper json;

    TenantEventListener(TenantDirectory directory, JsonMapper json) {
        this.directory = directory;
        this.json = json;
    }

    @KafkaListener(topics = "cygnetci.tenants.v1", groupId = "${cygnetci.gateway.directory-group}",
            properties = "auto.offset.reset=earliest")
    void on(ConsumerRecord<String, byte[]> record) {
        TenantChange.of(CloudEventRecords.fromRecord(record), json).ifPresent(change -> {
            if (change.deleted()) {
                directory.remove(change.tenantId());
            }
            else {
                Integer perMinute = change.plan().requestsPerMinute();
                directory.put(new TenantEntry(change.tenantId(), change.slug(), change.active(),
                        perMinute == null ? 0 : perMinute));
            }
            log.debug("Tenant directory: {} {}", change.deleted() ? "deleted" : "changed", change.tenantId());
        });
    }
}
