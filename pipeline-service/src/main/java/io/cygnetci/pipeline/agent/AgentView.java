package io.cygnetci.pipeline.agent;

import java.util.List;
import java.util.UUID;

/**
 * What pipeline-service knows of an agent, from {@code cygnetci.agents.v1}.
 *
 * @param credentialId the id ({@code jti}) of the agent's current credential; any other is superseded
 */
public record AgentView(UUID agentId, UUID tenantId, String name, List<String> labels, String status,
        boolean disabled, boolean deleted, UUID credentialId) {

    /** Whether this agent may be given new work. */
    public boolean takesWork() {
        return !disabled && !deleted;
    }
}
