package io.cygnetci.tenant.tenant.domain;

import java.util.Map;

/**
 * The fields a PATCH changes; {@code null} leaves a field as it is, an empty string clears an optional text.
 * Plan fields are for platform admins only.
 */
public record TenantChanges(String displayName, String description, String contactEmail, String contactPhone,
        String address, String logoUrl, Map<String, Object> settings, Integer maxUsers, Integer maxAgents,
        Integer maxPipelines, Integer requestsPerMinute, Integer deploymentsPerHour, Integer executionsPerHour) {

    public boolean touchesPlan() {
        return maxUsers != null || maxAgents != null || maxPipelines != null || requestsPerMinute != null
                || deploymentsPerHour != null || executionsPerHour != null;
    }

    public Tenant applyTo(Tenant t) {
        PlanLimits p = t.plan();
        PlanLimits plan = new PlanLimits(or(maxUsers, p.maxUsers()), or(maxAgents, p.maxAgents()),
                or(maxPipelines, p.maxPipelines()), or(requestsPerMinute, p.requestsPerMinute()),
                or(deploymentsPerHour, p.deploymentsPerHour()), or(executionsPerHour, p.executionsPerHour()));
        return new Tenant(t.id(), t.slug(), displayName == null ? t.displayName() : displayName,
                text(description, t.description()), text(contactEmail, t.contactEmail()),
                text(contactPhone, t.contactPhone()), text(address, t.address()), text(logoUrl, t.logoUrl()),
                settings == null ? t.settings() : settings, plan, t.active(), t.createdAt(), t.updatedAt(),
                t.createdBy());
    }

    private static int or(Integer value, int current) {
        return value == null ? current : value;
    }

    private static String text(String value, String current) {
        if (value == null) {
            return current;
        }
        return value.isEmpty() ? null : value;
    }
}
