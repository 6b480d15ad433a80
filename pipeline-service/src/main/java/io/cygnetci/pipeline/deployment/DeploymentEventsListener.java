package io.cygnetci.pipeline.deployment;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import io.cygnetci.pipeline.execution.domain.DeploymentExecutions;
import io.cygnetci.pipeline.execution.domain.DeploymentStart;
import io.cygnetci.pipeline.execution.domain.ExecutionService;
import io.cygnetci.platform.events.CloudEventRecords;
import io.cygnetci.platform.events.IncomingEvent;
import io.cygnetci.platform.events.consume.ProcessedEvents;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Runs release deployments from {@code cygnetci.releases.v1}: {@code deployment.started} queues the release's
 * pipelines for the environment; {@code deployment.cancelled} and {@code deployment.failed} cancel what is still
 * unfinished. Each event is applied once (its id is recorded with the effect), so a redelivered start queues
 * nothing twice.
 */
@Component
class DeploymentEventsListener {

    private static final String STARTED = "io.cygnetci.deployment.started.v1";
    private static final String CANCELLED = "io.cygnetci.deployment.cancelled.v1";
    private static final String FAILED = "io.cygnetci.deployment.failed.v1";
    private static final String CONSUMER = "deployments";
    private static final Duration APPLY_TIMEOUT = Duration.ofSeconds(30);

    private final DeploymentExecutions deployments;
    private final ProcessedEvents processed;
    private final JsonMapper json;

    DeploymentEventsListener(DeploymentExecutions deployments, ProcessedEvents processed, JsonMapper json) {
        this.deployments = deployments;
        this.processed = processed;
        this.json = json;
    }

    @KafkaListener(topics = "cygnetci.releases.v1", groupId = "${spring.application.name}")
    void on(ConsumerRecord<String, byte[]> record) {
        IncomingEvent event = CloudEventRecords.fromRecord(record);
        if (event.tenantId() == null) {
            return;
        }
        String type = event.type();
        if (!type.equals(STARTED) && !type.equals(CANCELLED) && !type.equals(FAILED)) {
            return;
        }
        JsonNode data = json.readTree(event.data());
        UUID deploymentId = uuid(data, "deployment_id");
        AtomicReference<List<ExecutionService.Detailed>> queued = new AtomicReference<>(List.of());
        // a listener thread, not an event loop: waiting here keeps the partition's events in order
        processed.processOnce(CONSUMER, event, e -> type.equals(STARTED)
                ? deployments.start(start(event, data, deploymentId)).doOnNext(queued::set)
                : deployments.cancel(event.tenantId(), deploymentId, type.equals(CANCELLED) ? "deployment_cancelled"
                        : "deployment_failed").then(Mono.empty()))
                .block(APPLY_TIMEOUT);
        deployments.announce(queued.get());
    }

    private static DeploymentStart start(IncomingEvent event, JsonNode data, UUID deploymentId) {
        List<UUID> pipelines = new ArrayList<>();
        data.path("pipelines").forEach(p -> pipelines.add(UUID.fromString(p.get("pipeline_id").asString())));
        return new DeploymentStart(event.tenantId(), uuid(data, "release_id"), deploymentId,
                uuid(data, "environment_id"), data.path("environment_name").asString(""), pipelines,
                uuid(data, "requested_by"));
    }

    private static UUID uuid(JsonNode data, String field) {
        return data.hasNonNull(field) ? UUID.fromString(data.get(field).asString()) : null;
    }
}
