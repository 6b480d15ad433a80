package io.cygnetci.agent.heartbeat.event;

import java.time.Instant;
import java.util.UUID;

/**
 * {@code io.cygnetci.agent.heartbeat.v1} on {@code cygnetci.agent-heartbeats.v1}, keyed by agent id (so one agent's
 * heartbeats stay in order). Published directly, not through the outbox: a lost heartbeat is replaced by the next.
 */
public record HeartbeatEvent(UUID agentId, UUID tenantId, Float cpuPercent, Float memoryPercent, Float diskPercent,
        Integer runningJobs, String version, Instant receivedAt) {

    public static final String TOPIC = "cygnetci.agent-heartbeats.v1";
    public static final String TYPE = "io.cygnetci.agent.heartbeat.v1";
}
