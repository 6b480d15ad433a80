package io.cygnetci.agent.agent.domain;

import java.util.Set;

/** The states an agent is shown in. */
public final class AgentStatus {

    public static final String NEVER_CONNECTED = "never_connected";
    public static final String ONLINE = "online";
    public static final String OFFLINE = "offline";
    public static final String STALE = "stale";
    public static final String DISABLED = "disabled";

    public static final Set<String> ALL = Set.of(NEVER_CONNECTED, ONLINE, OFFLINE, STALE, DISABLED);

    private AgentStatus() {
    }
}
