package io.cygnetci.monitoring.readmodel.release;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

import io.cygnetci.monitoring.activity.domain.Activity;
import io.cygnetci.monitoring.activity.domain.ActivityLog;
import io.cygnetci.monitoring.readmodel.EventData;
import io.cygnetci.monitoring.readmodel.EventIntake;
import io.cygnetci.monitoring.usage.domain.Meter;
import io.cygnetci.monitoring.usage.domain.UsageMetrics;
import io.cygnetci.monitoring.usage.domain.UsageWindows;
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

/**
 * {@code cygnetci.releases.v1} → the releases read model (total, active), the activity feed ("Release v2.0 deployed
 * to Staging") and deployments for billing (one per deployment started).
 */
@Component
class ReleaseEventsListener {

    private static final String CONSUMER = "releases";

    private final EventIntake intake;
    private final TenantDatabase database;
    private final ActivityLog activity;
    private final UsageWindows usage;
    private final UsageMetrics usageMetrics;
    private final Clock clock;
    private final JsonMapper json;

    ReleaseEventsListener(EventIntake intake, TenantDatabase database, ActivityLog activity, UsageWindows usage,
            UsageMetrics usageMetrics, Clock clock, JsonMapper json) {
        this.intake = intake;
        this.database = database;
        this.activity = activity;
        this.usage = usage;
        this.usageMetrics = usageMetrics;
        this.clock = clock;
        this.json = json;
    }

    @KafkaListener(topics = "cygnetci.releases.v1", groupId = "${spring.application.name}")
    void on(ConsumerRecord<String, byte[]> record) {
        IncomingEvent event = CloudEventRecords.fromRecord(record);
        if (event.tenantId() == null) {
            return;
        }
        JsonNode data = json.readTree(event.data());
        Instant at = EventData.occurredAt(event, data);
        switch (event.type()) {
            case "io.cygnetci.release.created.v1" -> intake.applyOnce(CONSUMER, event, e -> saveRelease(event, data,
                    "created", at).then(record(event, "release", Activity.INFO, label(data.path("name").asString(""),
                    data.path("version").asString("")) + " created", "release_id", data, at)));
            case "io.cygnetci.release.completed.v1" -> intake.applyOnce(CONSUMER, event, e -> saveRelease(event, data,
                    "completed", at).then(record(event, "release", Activity.SUCCESS,
                    label(data.path("name").asString(""), data.path("version").asString("")) + " completed",
                    "release_id", data, at)));
            case "io.cygnetci.deployment.started.v1" -> {
                if (intake.applyOnce(CONSUMER, event, e -> inProgress(EventData.uuid(data, "release_id"), at)
                        .then(usage.add(event.tenantId(), Meter.DEPLOYMENTS, at, BigDecimal.ONE, clock.instant()))
                        .then(deployment(event, data, Activity.INFO, "deploying to", at)))) {
                    usageMetrics.metered(event.tenantId(), Meter.DEPLOYMENTS, BigDecimal.ONE);
                }
            }
            case "io.cygnetci.deployment.requested.v1" -> {
                if ("awaiting_approval".equals(data.path("status").asString(""))) {
                    intake.applyOnce(CONSUMER, event, e -> deployment(event, data, Activity.WARNING,
                            "waits for approval in", at));
                }
            }
            case "io.cygnetci.deployment.approved.v1" ->
                intake.applyOnce(CONSUMER, event, e -> deployment(event, data, Activity.INFO, "approved for", at));
            case "io.cygnetci.deployment.rejected.v1" ->
                intake.applyOnce(CONSUMER, event, e -> deployment(event, data, Activity.ERROR, "rejected for", at));
            case "io.cygnetci.deployment.succeeded.v1" ->
                intake.applyOnce(CONSUMER, event, e -> deployment(event, data, Activity.SUCCESS, "deployed to", at));
            case "io.cygnetci.deployment.failed.v1" ->
                intake.applyOnce(CONSUMER, event, e -> deployment(event, data, Activity.ERROR, "failed in", at));
            case "io.cygnetci.deployment.cancelled.v1" -> intake.applyOnce(CONSUMER, event,
                    e -> deployment(event, data, Activity.WARNING, "deployment cancelled in", at));
            default -> {
            }
        }
    }

    private Mono<Void> saveRelease(IncomingEvent event, JsonNode data, String status, Instant at) {
        return database.client().sql("""
                insert into releases (release_id, tenant_id, name, version, status, changed_at)
                values (:id, :tenant, :name, :version, :status, :at)
                on conflict (release_id) do update set status = case when releases.status = 'completed'
                    then releases.status else excluded.status end, changed_at = excluded.changed_at""")
                .bind("id", EventData.uuid(data, "release_id")).bind("tenant", event.tenantId())
                .bind("name", data.path("name").asString("")).bind("version", data.path("version").asString(""))
                .bind("status", status).bind("at", Rows.timestamp(at)).then();
    }

    /** A release is active from its first deployment until it completes. */
    private Mono<Void> inProgress(UUID releaseId, Instant at) {
        return database.client().sql("""
                update releases set status = 'in_progress', changed_at = :at
                where release_id = :id and status = 'created'""")
                .bind("id", releaseId).bind("at", Rows.timestamp(at)).then();
    }

    private Mono<Void> deployment(IncomingEvent event, JsonNode data, String severity, String what, Instant at) {
        return record(event, "deployment", severity, label(data.path("release_name").asString(""),
                data.path("release_version").asString("")) + " " + what + " "
                + data.path("environment_name").asString("an environment"), "deployment_id", data, at);
    }

    private Mono<Void> record(IncomingEvent event, String kind, String severity, String message, String subjectField,
            JsonNode data, Instant at) {
        return activity.record(Activity.of(event.id(), event.tenantId(), kind, severity, message,
                EventData.uuid(data, subjectField), at));
    }

    /** "Release v2.0 (2.0.1)", or just the name when it already says the version. */
    static String label(String name, String version) {
        return "Release " + (version.isEmpty() || name.contains(version) ? name : name + " (" + version + ")");
    }
}
