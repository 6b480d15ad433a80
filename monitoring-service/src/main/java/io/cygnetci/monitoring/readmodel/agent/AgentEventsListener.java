package io.cygnetci.monitoring.readmodel.agent;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import io.cygnetci.monitoring.activity.domain.Activity;
import io.cygnetci.monitoring.activity.domain.ActivityLog;
import io.cygnetci.monitoring.readmodel.EventData;
import io.cygnetci.monitoring.readmodel.EventIntake;
import io.cygnetci.monitoring.readmodel.agent.AgentViews.AgentState;
import io.cygnetci.monitoring.usage.domain.Meter;
import io.cygnetci.monitoring.usage.domain.UsageMetrics;
import io.cygnetci.monitoring.usage.domain.UsageWindows;
import io.cygnetci.platform.events.CloudEventRecords;
import io.cygnetci.platform.events.IncomingEvent;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * {@code cygnetci.agents.v1} → the agents read model (statistics, gauges), the activity feed ("Agent acme-dev-001
 * went offline") and agent minutes: online time is metered from going online to leaving that state.
 */
@Component
class AgentEventsListener {

    private static final String PREFIX = "io.cygnetci.agent.";
    private static final String CONSUMER = "agents";

    private final EventIntake intake;
    private final AgentViews agents;
    private final ActivityLog activity;
    private final UsageWindows usage;
    private final UsageMetrics usageMetrics;
    private final Clock clock;
    private final JsonMapper json;

    AgentEventsListener(EventIntake intake, AgentViews agents, ActivityLog activity, UsageWindows usage,
            UsageMetrics usageMetrics, Clock clock, JsonMapper json) {
        this.intake = intake;
        this.agents = agents;
        this.activity = activity;
        this.usage = usage;
        this.usageMetrics = usageMetrics;
        this.clock = clock;
        this.json = json;
    }

    @KafkaListener(topics = "cygnetci.agents.v1", groupId = "${spring.application.name}")
    void on(ConsumerRecord<String, byte[]> record) {
        IncomingEvent event = CloudEventRecords.fromRecord(record);
        if (!event.type().startsWith(PREFIX) || event.tenantId() == null) {
            return;
        }
        String change = event.type().substring(PREFIX.length(), event.type().length() - ".v1".length());
        JsonNode data = json.readTree(event.data());
        AtomicReference<BigDecimal> metered = new AtomicReference<>(BigDecimal.ZERO);
        if (intake.applyOnce(CONSUMER, event, e -> apply(event, change, data, metered))
                && metered.get().signum() > 0) {
            usageMetrics.metered(event.tenantId(), Meter.AGENT_MINUTES, metered.get());
        }
    }

    private Mono<Void> apply(IncomingEvent event, String change, JsonNode data, AtomicReference<BigDecimal> metered) {
        UUID agentId = UUID.fromString(data.get("agent_id").asString());
        String name = data.path("name").asString("agent");
        Instant at = EventData.occurredAt(event, data);
        boolean deleted = change.equals("deleted");
        String status = deleted ? "deleted" : data.path("status").asString("never_connected");
        Mono<Void> state = agents.lock(agentId).map(Optional::of).defaultIfEmpty(Optional.empty())
                .flatMap(previous -> {
                    if (previous.isPresent() && previous.get().changedAt().isAfter(at)) {
                        return Mono.empty(); // an older event replayed after a newer one: the state stays
                    }
                    boolean wasOnline = previous.map(AgentState::online).orElse(false);
                    boolean online = "online".equals(status) && !deleted;
                    Instant meteredUntil = previous.map(AgentState::meteredUntil).orElse(null);
                    Mono<Void> metering = Mono.empty();
                    if (wasOnline && !online && meteredUntil != null) {
                        if (at.isAfter(meteredUntil)) {
                            metered.set(UsageWindows.minutes(Duration.between(meteredUntil, at)));
                            metering = usage.addSpan(event.tenantId(), Meter.AGENT_MINUTES, meteredUntil, at,
                                    clock.instant());
                        }
                        else {
                            // metered up to now before hearing that the agent left earlier: take the excess back
                            metering = usage.subtractSpan(event.tenantId(), Meter.AGENT_MINUTES, at, meteredUntil);
                        }
                        meteredUntil = null;
                    }
                    else if (!wasOnline && online) {
                        meteredUntil = at;
                    }
                    return metering.then(agents.save(event.tenantId(), agentId, name, status,
                            data.path("disabled").asBoolean(false), deleted, online ? meteredUntil : null, at));
                });
        return state.then(describe(change, name).map(line -> activity.record(Activity.of(event.id(),
                event.tenantId(), "agent", line.severity(), line.message(), agentId, at))).orElse(Mono.empty()));
    }

    private static Optional<Line> describe(String change, String name) {
        return Optional.ofNullable(switch (change) {
            case "registered" -> new Line(Activity.INFO, "Agent " + name + " registered");
            case "online" -> new Line(Activity.SUCCESS, "Agent " + name + " came online");
            case "offline" -> new Line(Activity.WARNING, "Agent " + name + " went offline");
            case "stale" -> new Line(Activity.WARNING, "Agent " + name + " stopped sending heartbeats");
            case "disabled" -> new Line(Activity.INFO, "Agent " + name + " was disabled");
            case "enabled" -> new Line(Activity.INFO, "Agent " + name + " was enabled");
            case "deleted" -> new Line(Activity.INFO, "Agent " + name + " was deleted");
            default -> null;
        });
    }

    private record Line(String severity, String message) {
    }
}
