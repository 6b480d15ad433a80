package io.cygnetci.tenant.tenant.domain;

/** A tenant's quotas; other services enforce them from the tenant events. */
public record PlanLimits(int maxUsers, int maxAgents, int maxPipelines, int requestsPerMinute, int deploymentsPerHour,
        int executionsPerHour) {

    public static PlanLimits defaults() {
        return new PlanLimits(50, 10, 100, 1000, 100, 50);
    }
}
