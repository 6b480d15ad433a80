package io.cygnetci.agent.agent.domain;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A tenant's build agent.
 *
 * @param liveness what heartbeats say: never_connected, online, offline or stale
 * @param disabled switched off by an admin (it then shows as disabled whatever its liveness)
 * @param pendingAction an instruction waiting for the agent's next heartbeat ({@code stop})
 * @param credentialId the id ({@code jti}) of the one credential that is valid for this agent
 */
public record Agent(UUID id, UUID tenantId, UUID agentUuid, String name, String hostname, String os, String arch,
        String location, List<String> labels, String version, String liveness, Instant statusChangedAt,
        boolean disabled, String pendingAction, UUID credentialId, Instant lastSeenAt, Load load, Instant createdAt,
        Instant updatedAt) {

    /** The last load an agent reported. */
    public record Load(Float cpuPercent, Float memoryPercent, Float diskPercent, Integer runningJobs) {
    }

    /** What users see: disabled wins over liveness; a deactivated tenant's agents show disabled too. */
    public String status(boolean tenantUsable) {
        return disabled || !tenantUsable ? AgentStatus.DISABLED : liveness;
    }
}
