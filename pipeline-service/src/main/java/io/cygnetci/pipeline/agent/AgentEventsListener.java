package io.cygnetci.pipeline.agent;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.cygnetci.pipeline.execution.domain.LostAgents;
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
 * Keeps the agent view current from {@code cygnetci.agents.v1}. An agent that went offline or was deleted loses
 * its running jobs: they fail with reason {@code agent_lost}. Each event is applied once (its id is recorded with
 * the effect), so a redelivered "offline" cannot fail the work the agent claimed after coming back.
 */
@Component
class AgentEventsListener {

    private static final String PREFIX = "io.cygnetci.agent.";
    private static final String CONSUMER = "agent-view";
    private static final Duration APPLY_TIMEOUT = Duration.ofSeconds(30);

    private final AgentViews views;
    private final LostAgents lostAgents;
    private final ProcessedEvents processed;
    private final JsonMapper json;

    AgentEventsListener(AgentViews views, LostAgents lostAgents, ProcessedEvents processed, JsonMapper json) {
        this.views = views;
        this.lostAgents = lostAgents;
        this.processed = processed;
        this.json = json;
    }

    @KafkaListener(topics = "cygnetci.agents.v1", groupId = "${spring.application.name}")
    void on(ConsumerRecord<String, byte[]> record) {
        IncomingEvent event = CloudEventRecords.fromRecord(record);
        if (!event.type().startsWith(PREFIX) || event.tenantId() == null) {
            return;
        }
        JsonNode data = json.readTree(event.data());
        UUID agentId = UUID.fromString(data.get("agent_id").asString());
        boolean deleted = event.type().equals(PREFIX + "deleted.v1");
        boolean lost = deleted || event.type().equals(PREFIX + "offline.v1");
        AgentView view = new AgentView(agentId, event.tenantId(), data.path("name").asString(""), labels(data),
                deleted ? "deleted" : data.path("status").asString("unknown"), data.path("disabled").asBoolean(false),
                deleted, data.hasNonNull("credential_id") ? UUID.fromString(data.get("credential_id").asString())
                        : null);
        // a listener thread, not an event loop: waiting here keeps the partition's events in order
        processed.processOnce(CONSUMER, event, e -> views.apply(view)
                .then(lost ? lostAgents.failRunningJobs(event.tenantId(), agentId) : Mono.empty()))
                .block(APPLY_TIMEOUT);
    }

    private static List<String> labels(JsonNode data) {
        List<String> labels = new ArrayList<>();
        data.path("labels").forEach(label -> labels.add(label.asString()));
        return labels;
    }
}
