package io.cygnetci.agent.agent.event;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.cygnetci.agent.agent.domain.Agent;
import io.cygnetci.platform.events.OutboxEvent;

/**
 * Agent state changes on {@code cygnetci.agents.v1} (through the outbox, keyed by tenant id); their JSON Schemas
 * are in {@code docs/events/}.
 */
public final class AgentEvents {

    public static final String TOPIC = "cygnetci.agents.v1";

    public static final String REGISTERED = "io.cygnetci.agent.registered.v1";
    public static final String UPDATED = "io.cygnetci.agent.updated.v1";
    public static final String ONLINE = "io.cygnetci.agent.online.v1";
    public static final String OFFLINE = "io.cygnetci.agent.offline.v1";
    public static final String STALE = "io.cygnetci.agent.stale.v1";
    public static final String DISABLED = "io.cygnetci.agent.disabled.v1";
    public static final String ENABLED = "io.cygnetci.agent.enabled.v1";
    public static final String DELETED = "io.cygnetci.agent.deleted.v1";

    private AgentEvents() {
    }

    /** The agent after the change; {@code status} is its liveness, {@code disabled} the admin's switch. */
    public record AgentSnapshot(UUID agentId, UUID tenantId, UUID agentUuid, UUID credentialId, String name,
            String hostname, String os, String arch, String location, List<String> labels, String version,
            String status, boolean disabled, Instant lastSeenAt, Instant occurredAt) {
    }

    public record AgentDeleted(UUID agentId, UUID tenantId, Instant occurredAt) {
    }

    public static OutboxEvent snapshot(String type, Agent a, Instant now) {
        return OutboxEvent.forTenant(TOPIC, type, a.tenantId(), a.id(), new AgentSnapshot(a.id(), a.tenantId(),
                a.agentUuid(), a.credentialId(), a.name(), a.hostname(), a.os(), a.arch(), a.location(), a.labels(),
                a.version(), a.liveness(), a.disabled(), a.lastSeenAt(), now));
    }

    public static OutboxEvent deleted(Agent a, Instant now) {
        return OutboxEvent.forTenant(TOPIC, DELETED, a.tenantId(), a.id(), new AgentDeleted(a.id(), a.tenantId(), now));
    }
}
