package io.cygnetci.monitoring.readmodel.execution;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import io.cygnetci.monitoring.activity.domain.Activity;
import io.cygnetci.monitoring.activity.domain.ActivityLog;
import io.cygnetci.monitoring.readmodel.EventData;
import io.cygnetci.monitoring.readmodel.EventIntake;
import io.cygnetci.monitoring.usage.domain.Meter;
import io.cygnetci.monitoring.usage.domain.UsageMetrics;
import io.cygnetci.monitoring.usage.domain.UsageWindows;
import io.cygnetci.platform.data.TenantDatabase;
import io.cygnetci.platform.events.CloudEventRecords;
import io.cygnetci.platform.events.IncomingEvent;
import io.cygnetci.platform.metrics.TenantTagPolicy;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * {@code cygnetci.pipeline-executions.v1} → execution counts (statistics), the activity feed ("Pipeline Build API
 * completed on acme-prod-001"), build minutes for billing and {@code cygnetci_execution_duration_seconds}.
 */
@Component
class ExecutionEventsListener {

    private static final String PREFIX = "io.cygnetci.execution.";
    private static final String CONSUMER = "executions";

    private final EventIntake intake;
    private final ExecutionCounts counts;
    private final TenantDatabase database;
    private final ActivityLog activity;
    private final UsageWindows usage;
    private final UsageMetrics usageMetrics;
    private final MeterRegistry meters;
    private final TenantTagPolicy tags;
    private final Clock clock;
    private final JsonMapper json;
    private final Map<String, Timer> durations = new ConcurrentHashMap<>();

    ExecutionEventsListener(EventIntake intake, ExecutionCounts counts, TenantDatabase database, ActivityLog activity,
            UsageWindows usage, UsageMetrics usageMetrics, MeterRegistry meters, TenantTagPolicy tags, Clock clock,
            JsonMapper json) {
        this.intake = intake;
        this.counts = counts;
        this.database = database;
        this.activity = activity;
        this.usage = usage;
        this.usageMetrics = usageMetrics;
        this.meters = meters;
        this.tags = tags;
        this.clock = clock;
        this.json = json;
    }

    @KafkaListener(topics = "cygnetci.pipeline-executions.v1", groupId = "${spring.application.name}")
    void on(ConsumerRecord<String, byte[]> record) {
        IncomingEvent event = CloudEventRecords.fromRecord(record);
        if (!event.type().startsWith(PREFIX) || event.tenantId() == null) {
            return;
        }
        String change = event.type().substring(PREFIX.length(), event.type().length() - ".v1".length());
        JsonNode data = json.readTree(event.data());
        switch (change) {
            case "queued" -> intake.applyOnce(CONSUMER, event, e -> counts.queued(event.tenantId()));
            case "finished" -> finished(event, data);
            case "not-started" -> intake.applyOnce(CONSUMER, event, e -> pipelineName(EventData.uuid(data,
                    "pipeline_id")).flatMap(name -> activity.record(Activity.of(event.id(), event.tenantId(),
                    "execution", Activity.ERROR, "Pipeline " + name + " could not start for a deployment ("
                            + words(data.path("reason").asString("unknown")) + ")", EventData.uuid(data, "pipeline_id"),
                    EventData.occurredAt(event, data)))));
            default -> {
            }
        }
    }

    private void finished(IncomingEvent event, JsonNode data) {
        String status = data.path("status").asString("");
        long durationMs = data.path("duration_ms").asLong(0);
        BigDecimal minutes = UsageWindows.minutes(Duration.ofMillis(durationMs));
        Instant at = EventData.occurredAt(event, data);
        boolean applied = intake.applyOnce(CONSUMER, event, e -> counts.finished(event.tenantId(), status)
                .then(usage.add(event.tenantId(), Meter.BUILD_MINUTES, at, minutes, clock.instant()))
                .then(agentName(EventData.uuid(data, "agent_id")).defaultIfEmpty(""))
                .flatMap(agent -> activity.record(Activity.of(event.id(), event.tenantId(), "execution",
                        severity(status), line(data.path("pipeline_name").asString("pipeline"), status, agent,
                                EventData.text(data, "reason")),
                        EventData.uuid(data, "execution_id"), at))));
        if (applied) {
            usageMetrics.metered(event.tenantId(), Meter.BUILD_MINUTES, minutes);
            if (data.hasNonNull("started_at")) {
                String tenant = tags.tagFor(event.tenantId());
                durations.computeIfAbsent(tenant + '|' + status, k -> Timer.builder("cygnetci.execution.duration")
                        .description("Executions from start to finish").tag(TenantTagPolicy.TAG, tenant)
                        .tag("status", status).register(meters)).record(Duration.ofMillis(durationMs));
            }
        }
    }

    private Mono<String> agentName(UUID agentId) {
        return agentId == null ? Mono.empty() : database.client().sql("select name from agents where agent_id = :id")
                .bind("id", agentId).map(row -> row.get("name", String.class)).one();
    }

    private Mono<String> pipelineName(UUID pipelineId) {
        return database.client().sql("select name from pipelines where pipeline_id = :id").bind("id", pipelineId)
                .map(row -> row.get("name", String.class)).one().defaultIfEmpty(String.valueOf(pipelineId));
    }

    static String line(String pipeline, String status, String agent, String reason) {
        String on = agent.isEmpty() ? "" : " on " + agent;
        return switch (status) {
            case "succeeded" -> "Pipeline " + pipeline + " completed" + on;
            case "failed" -> "Pipeline " + pipeline + " failed" + on + (reason == null ? "" : " (" + words(reason) + ")");
            case "timed_out" -> "Pipeline " + pipeline + " timed out" + on;
            case "cancelled" -> "Pipeline " + pipeline + " was cancelled" + (reason == null ? ""
                    : " (" + words(reason) + ")");
            default -> "Pipeline " + pipeline + " " + words(status);
        };
    }

    private static String severity(String status) {
        return switch (status) {
            case "succeeded" -> Activity.SUCCESS;
            case "failed", "timed_out" -> Activity.ERROR;
            default -> Activity.WARNING;
        };
    }

    private static String words(String code) {
        return code.replace('_', ' ');
    }
}
