package io.cygnetci.agent.liveness.domain;

/**
 * A tenant's liveness settings.
 *
 * @param heartbeatIntervalSeconds how often its agents heartbeat
 * @param offlineAfterSeconds how long without a heartbeat before an agent is offline (by default three intervals)
 * @param custom whether the tenant set them, or they are the platform defaults
 */
public record AgentSettings(int heartbeatIntervalSeconds, int offlineAfterSeconds, boolean custom) {
}
