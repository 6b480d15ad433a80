package io.cygnetci.release.deployment.event;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import io.cygnetci.platform.events.CloudEventRecords;
import io.cygnetci.platform.events.IncomingEvent;
import io.cygnetci.platform.events.consume.ProcessedEvents;
import io.cygnetci.release.deployment.domain.Deployment;
import io.cygnetci.release.deployment.domain.DeploymentMetrics;
import io.cygnetci.release.deployment.domain.DeploymentOutcomes;
import io.cygnetci.release.deployment.domain.DeploymentRun;
import io.cygnetci.release.deployment.domain.ExecutionReport;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Follows the executions pipeline-service runs for deployments on {@code cygnetci.pipeline-executions.v1} (others
 * are skipped). Each event is applied once: its id is recorded with the effect.
 */
@Component
class ExecutionEventsListener {

    private static final String PREFIX = "io.cygnetci.execution.";
    private static final String NOT_STARTED = PREFIX + "not-started.v1";
    private static final String CONSUMER = "deployment-runs";
    private static final Duration APPLY_TIMEOUT = Duration.ofSeconds(30);

    private final DeploymentOutcomes outcomes;
    private final DeploymentMetrics metrics;
    private final ProcessedEvents processed;
    private final JsonMapper json;

    ExecutionEventsListener(DeploymentOutcomes outcomes, DeploymentMetrics metrics, ProcessedEvents processed,
            JsonMapper json) {
        this.outcomes = outcomes;
        this.metrics = metrics;
        this.processed = processed;
        this.json = json;
    }

    @KafkaListener(topics = "cygnetci.pipeline-executions.v1", groupId = "${spring.application.name}")
    void on(ConsumerRecord<String, byte[]> record) {
        IncomingEvent event = CloudEventRecords.fromRecord(record);
        if (!event.type().startsWith(PREFIX) || event.tenantId() == null) {
            return;
        }
        JsonNode data = json.readTree(event.data());
        if (!data.hasNonNull("deployment_id") || !data.hasNonNull("pipeline_id")) {
            return;
        }
        boolean notStarted = event.type().equals(NOT_STARTED);
        String status = notStarted ? DeploymentRun.NOT_STARTED : data.path("status").asString("");
        if (status.isEmpty()) {
            return;
        }
        ExecutionReport report = new ExecutionReport(event.tenantId(), uuid(data, "deployment_id"),
                uuid(data, "pipeline_id"), notStarted ? null : uuid(data, "execution_id"), status,
                data.hasNonNull("reason") ? data.get("reason").asString() : null);
        AtomicReference<Deployment> ended = new AtomicReference<>();
        // a listener thread, not an event loop: waiting here keeps the partition's events in order
        processed.processOnce(CONSUMER, event, e -> outcomes.apply(report).doOnNext(ended::set)).block(APPLY_TIMEOUT);
        if (ended.get() != null) {
            metrics.ended(ended.get());
        }
    }

    private static UUID uuid(JsonNode data, String field) {
        return data.hasNonNull(field) ? UUID.fromString(data.get(field).asString()) : null;
    }
}
