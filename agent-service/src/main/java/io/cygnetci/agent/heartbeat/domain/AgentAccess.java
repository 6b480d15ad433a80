package io.cygnetci.agent.heartbeat.domain;

import java.util.UUID;

/**
 * What the heartbeat path needs to know of an agent, cached per replica.
 *
 * @param heartbeatIntervalSeconds its tenant's interval, or null for the platform default
 */
public record AgentAccess(UUID tenantId, UUID credentialId, boolean disabled, String pendingAction,
        Integer heartbeatIntervalSeconds) {
}
