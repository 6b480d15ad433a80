package io.cygnetci.monitoring.readmodel.pipeline;

import java.time.Instant;
import java.util.UUID;

import io.cygnetci.monitoring.activity.domain.Activity;
import io.cygnetci.monitoring.activity.domain.ActivityLog;
import io.cygnetci.monitoring.readmodel.EventData;
import io.cygnetci.monitoring.readmodel.EventIntake;
import io.cygnetci.platform.data.Rows;
import io.cygnetci.platform.data.TenantDatabase;
import io.cygnetci.platform.events.CloudEventRecords;
import io.cygnetci.platform.events.IncomingEvent;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** {@code cygnetci.pipelines.v1} → the pipelines read model (statistics) and the activity feed. */
@Component
class PipelineEventsListener {

    private static final String PREFIX = "io.cygnetci.pipeline.";
    private static final String CONSUMER = "pipelines";

    private final EventIntake intake;
    private final TenantDatabase database;
    private final ActivityLog activity;
    private final JsonMapper json;

    PipelineEventsListener(EventIntake intake, TenantDatabase database, ActivityLog activity, JsonMapper json) {
        this.intake = intake;
        this.database = database;
        this.activity = activity;
        this.json = json;
    }

    @KafkaListener(topics = "cygnetci.pipelines.v1", groupId = "${spring.application.name}")
    void on(ConsumerRecord<String, byte[]> record) {
        IncomingEvent event = CloudEventRecords.fromRecord(record);
        if (!event.type().startsWith(PREFIX) || event.tenantId() == null) {
            return;
        }
        JsonNode data = json.readTree(event.data());
        intake.applyOnce(CONSUMER, event, e -> apply(event, data));
    }

    private Mono<Void> apply(IncomingEvent event, JsonNode data) {
        UUID id = UUID.fromString(data.get("pipeline_id").asString());
        String name = data.path("name").asString("pipeline");
        Instant at = EventData.occurredAt(event, data);
        String change = event.type().substring(PREFIX.length(), event.type().length() - ".v1".length());
        Mono<Void> view = database.client().sql("""
                insert into pipelines (pipeline_id, tenant_id, name, deleted, changed_at)
                values (:id, :tenant, :name, :deleted, :at)
                on conflict (pipeline_id) do update set name = excluded.name, deleted = excluded.deleted,
                    changed_at = excluded.changed_at
                where pipelines.changed_at <= excluded.changed_at""")
                .bind("id", id).bind("tenant", event.tenantId()).bind("name", name)
                .bind("deleted", change.equals("deleted")).bind("at", Rows.timestamp(at)).then();
        String message = switch (change) {
            case "created" -> "Pipeline " + name + " created";
            case "updated" -> "Pipeline " + name + " updated";
            case "deleted" -> "Pipeline " + name + " deleted";
            default -> null;
        };
        return message == null ? view : view.then(activity.record(Activity.of(event.id(), event.tenantId(),
                "pipeline", Activity.INFO, message, id, at)));
    }
}
