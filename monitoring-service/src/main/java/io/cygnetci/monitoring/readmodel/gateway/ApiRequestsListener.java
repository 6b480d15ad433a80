package io.cygnetci.monitoring.readmodel.gateway;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;

import io.cygnetci.monitoring.readmodel.EventData;
import io.cygnetci.monitoring.readmodel.EventIntake;
import io.cygnetci.monitoring.usage.domain.Meter;
import io.cygnetci.monitoring.usage.domain.UsageMetrics;
import io.cygnetci.monitoring.usage.domain.UsageWindows;
import io.cygnetci.platform.events.CloudEventRecords;
import io.cygnetci.platform.events.IncomingEvent;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * {@code cygnetci.api-requests.v1} → API requests for billing: the gateway's per-tenant counts per minute, each
 * applied once (a count the gateway sent twice carries the same id).
 */
@Component
class ApiRequestsListener {

    private static final String TYPE = "io.cygnetci.gateway.requests-counted.v1";
    private static final String CONSUMER = "api-requests";

    private final EventIntake intake;
    private final UsageWindows usage;
    private final UsageMetrics metrics;
    private final Clock clock;
    private final JsonMapper json;

    ApiRequestsListener(EventIntake intake, UsageWindows usage, UsageMetrics metrics, Clock clock, JsonMapper json) {
        this.intake = intake;
        this.usage = usage;
        this.metrics = metrics;
        this.clock = clock;
        this.json = json;
    }

    @KafkaListener(topics = "cygnetci.api-requests.v1", groupId = "${spring.application.name}")
    void on(ConsumerRecord<String, byte[]> record) {
        IncomingEvent event = CloudEventRecords.fromRecord(record);
        if (!TYPE.equals(event.type()) || event.tenantId() == null) {
            return;
        }
        JsonNode data = json.readTree(event.data());
        long requests = data.path("requests").asLong(0);
        Instant minute = EventData.instant(data, "window_start");
        if (requests <= 0 || minute == null) {
            return;
        }
        BigDecimal quantity = BigDecimal.valueOf(requests);
        if (intake.applyOnce(CONSUMER, event, e -> usage.add(event.tenantId(), Meter.API_REQUESTS, minute, quantity,
                clock.instant()))) {
            metrics.metered(event.tenantId(), Meter.API_REQUESTS, quantity);
        }
    }
}
