package io.cygnetci.platform.tenancy.directory;

import java.util.Optional;
import java.util.UUID;

import io.cygnetci.platform.events.IncomingEvent;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a tenant event on {@code cygnetci.tenants.v1} says of a tenant's state, for the services that keep a view of
 * tenants: {@code tenant.created|updated|activated|deactivated} carry the tenant after the change, {@code deleted}
 * only that it is gone. Plan limits an event does not carry are null.
 */
public record TenantChange(UUID tenantId, String slug, boolean active, boolean deleted, Plan plan) {

    private static final String PREFIX = "io.cygnetci.tenant.";

    /** The tenant's plan limits (DESIGN §2), each null when unknown. */
    public record Plan(Integer maxAgents, Integer maxPipelines, Integer requestsPerMinute, Integer executionsPerHour,
            Integer deploymentsPerHour) {

        static final Plan UNKNOWN = new Plan(null, null, null, null, null);
    }

    /** Whether the tenant's work may run: active and not deleted. */
    public boolean usable() {
        return active && !deleted;
    }

    /** The change a tenant event describes; empty for the topic's other events (memberships, users). */
    public static Optional<TenantChange> of(IncomingEvent event, JsonMapper json) {
        if (!event.type().startsWith(PREFIX)) {
            return Optional.empty();
        }
        JsonNode data = json.readTree(event.data());
        UUID tenant = UUID.fromString(data.get("tenant_id").asString());
        String slug = data.path("slug").asString("");
        if (event.type().equals(PREFIX + "deleted.v1")) {
            return Optional.of(new TenantChange(tenant, slug, false, true, Plan.UNKNOWN));
        }
        JsonNode plan = data.path("plan");
        return Optional.of(new TenantChange(tenant, slug, data.path("active").asBoolean(false), false,
                new Plan(number(plan, "max_agents"), number(plan, "max_pipelines"), number(plan, "requests_per_minute"),
                        number(plan, "executions_per_hour"), number(plan, "deployments_per_hour"))));
    }

    private static Integer number(JsonNode plan, String field) {
        JsonNode value = plan.get(field);
        return value == null || value.isNull() ? null : value.asInt();
    }
}
