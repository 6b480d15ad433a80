package io.cygnetci.runner.state;

import java.util.UUID;

/**
 * Who this runner is: its own {@code uuid} (kept forever, so registering again is the same agent), and once
 * registered its agent id and credential.
 */
public record AgentIdentity(UUID uuid, UUID agentId, String credential) {

    public boolean registered() {
        return agentId != null && credential != null;
    }

    public AgentIdentity withCredential(UUID agentId, String credential) {
        return new AgentIdentity(uuid, agentId, credential);
    }

    public AgentIdentity withoutCredential() {
        return new AgentIdentity(uuid, null, null);
    }
}
