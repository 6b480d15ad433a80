package io.cygnetci.monitoring.check.event;

import java.util.LinkedHashMap;
import java.util.Map;

import io.cygnetci.monitoring.check.domain.CheckResult;
import io.cygnetci.monitoring.check.domain.HealthCheck;
import io.cygnetci.platform.events.OutboxEvent;

/** A monitored service's status change on {@code cygnetci.service-health.v1} ({@code io.cygnetci.service.status-changed.v1}). */
public final class HealthEvents {

    public static final String TOPIC = "cygnetci.service-health.v1";
    public static final String STATUS_CHANGED = "io.cygnetci.service.status-changed.v1";

    private HealthEvents() {
    }

    public static OutboxEvent statusChanged(HealthCheck check, String previousStatus, CheckResult result) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("service_id", check.id().toString());
        data.put("tenant_id", check.tenantId().toString());
        data.put("name", check.name());
        data.put("kind", check.kind());
        data.put("status", result.status());
        data.put("previous_status", previousStatus);
        if (result.responseMs() != null) {
            data.put("response_ms", result.responseMs());
        }
        if (result.error() != null) {
            data.put("error", result.error());
        }
        data.put("checked_at", result.checkedAt().toString());
        data.put("occurred_at", result.checkedAt().toString());
        return OutboxEvent.forTenant(TOPIC, STATUS_CHANGED, check.tenantId(), check.id(), data);
    }
}
