package io.cygnetci.gateway.support;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.UUID;

import io.cygnetci.platform.events.CloudEventRecords;

import org.springframework.kafka.core.KafkaTemplate;

/** Publishes tenant events as tenant-service does (CloudEvents on cygnetci.tenants.v1), over the real broker. */
public final class TenantEvents {

    private final KafkaTemplate<String, byte[]> kafka;

    public TenantEvents(KafkaTemplate<String, byte[]> kafka) {
        this.kafka = kafka;
    }

    public void tenant(String event, UUID tenant, String slug, boolean active, int requestsPerMinute) throws Exception {
        String data = """
                {"tenant_id":"%s","slug":"%s","display_name":"%s","active":%s,"plan":{"max_users":50,"max_agents":10,
                "max_pipelines":100,"requests_per_minute":%d,"deployments_per_hour":100,"executions_per_hour":50},
                "occurred_at":"%s"}""".formatted(tenant, slug, slug, active, requestsPerMinute, OffsetDateTime.now());
        kafka.send(CloudEventRecords.toRecord("cygnetci.tenants.v1", tenant.toString(), UUID.randomUUID(),
                URI.create("/cygnetci/tenant-service"), "io.cygnetci.tenant." + event + ".v1", tenant.toString(), tenant,
                OffsetDateTime.now(), data.getBytes(StandardCharsets.UTF_8))).get();
    }
}
