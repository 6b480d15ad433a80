package io.cygnetci.gateway.tenant;

import java.util.UUID;

import io.cygnetci.platform.events.CloudEventRecords;
import io.cygnetci.platform.events.IncomingEvent;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
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
    private static final String PREFIX = "io.cygnetci.tenant.";

    private final TenantDirectory directory;
    private final JsonMapper json;

    TenantEventListener(TenantDirectory directory, JsonMapper json) {
        this.directory = directory;
        this.json = json;
    }

    @KafkaListener(topics = "cygnetci.tenants.v1", groupId = "${cygnetci.gateway.directory-group}",
            properties = "auto.offset.reset=earliest")
    void on(ConsumerRecord<String, byte[]> record) {
        IncomingEvent event = CloudEventRecords.fromRecord(record);
        if (!event.type().startsWith(PREFIX)) {
            return;
        }
        JsonNode data = json.readTree(event.data());
        UUID tenant = UUID.fromString(data.get("tenant_id").asString());
        if (event.type().equals(PREFIX + "deleted.v1")) {
            directory.remove(tenant);
            return;
        }
        JsonNode plan = data.get("plan");
        directory.put(new TenantEntry(tenant, data.get("slug").asString(), data.get("active").asBoolean(),
                plan == null ? 0 : plan.get("requests_per_minute").asInt()));
        log.debug("Tenant directory: {} {}", event.type(), tenant);
    }
}
