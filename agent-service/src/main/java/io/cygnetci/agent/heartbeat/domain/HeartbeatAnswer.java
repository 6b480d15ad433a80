package io.cygnetci.agent.heartbeat.domain;

import java.util.List;

/**
 * The answer to a heartbeat.
 *
 * @param nextIntervalSeconds when to send the next one
 * @param actions what the agent must do: {@code stop} (finish running work, then exit) or {@code pause} (it is
 *        disabled: keep heartbeating, take no new work)
 */
public record HeartbeatAnswer(int nextIntervalSeconds, List<String> actions) {
}
