package io.cygnetci.monitoring.usage.event;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import io.cygnetci.monitoring.usage.domain.UsageWindows.UsageWindow;
import io.cygnetci.platform.events.OutboxEvent;

/**
 * The usage records billing consumes on {@code cygnetci.usage.v1} (docs/events: {@code io.cygnetci.usage.recorded.v1}).
 * The event id is the record id, which is derived from tenant, meter and window: a consumer deduplicates by it.
 */
public final class UsageEvents {

    public static final String TOPIC = "cygnetci.usage.v1";
    public static final String RECORDED = "io.cygnetci.usage.recorded.v1";

    private UsageEvents() {
    }

    public static OutboxEvent recorded(UsageWindow w, Instant now) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("record_id", w.recordId().toString());
        data.put("tenant_id", w.tenantId().toString());
        data.put("meter", w.meter().id());
        data.put("quantity", w.quantity());
        data.put("unit", w.meter().unit());
        data.put("window_start", w.start().toString());
        data.put("window_end", w.end().toString());
        data.put("occurred_at", now.toString());
        return OutboxEvent.forTenant(TOPIC, RECORDED, w.tenantId(), w.recordId(), data);
    }
}
