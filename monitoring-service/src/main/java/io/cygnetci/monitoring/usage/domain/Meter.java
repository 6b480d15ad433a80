package io.cygnetci.monitoring.usage.domain;

import java.util.Arrays;
import java.util.Optional;

/** What is metered for billing, and in which unit. */
public enum Meter {

    /** Minutes executions ran, from start to finish, per finished execution. */
    BUILD_MINUTES("build_minutes", "minute"),
    /** Minutes agents were online (from going online to going offline, stale, disabled or deleted). */
    AGENT_MINUTES("agent_minutes", "minute"),
    /** Deployments started (one per deployment, however many pipelines it runs). */
    DEPLOYMENTS("deployments", "deployment"),
    /** API requests the gateway answered for the tenant. */
    API_REQUESTS("api_requests", "request");

    private final String id;
    private final String unit;

    Meter(String id, String unit) {
        this.id = id;
        this.unit = unit;
    }

    public String id() {
        return id;
    }

    public String unit() {
        return unit;
    }

    public static Optional<Meter> of(String id) {
        return Arrays.stream(values()).filter(m -> m.id.equals(id)).findFirst();
    }
}
