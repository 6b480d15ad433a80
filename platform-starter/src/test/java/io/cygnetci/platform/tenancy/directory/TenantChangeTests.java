package io.cygnetci.platform.tenancy.directory;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.UUID;

import io.cygnetci.platform.events.IncomingEvent;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

class TenantChangeTests {

    private final JsonMapper json = JsonMapper.builder().build();
    private final UUID tenant = UUID.randomUUID();

    private IncomingEvent event(String type, String data) {
        return new IncomingEvent(UUID.randomUUID(), type, URI.create("/cygnetci/tenant-service"), tenant.toString(),
                tenant, OffsetDateTime.now(), data.getBytes(StandardCharsets.UTF_8), "cygnetci.tenants.v1");
    }

    @Test
    void whenATenantIsDeactivatedThenTheChangeCarriesItsStateAndPlan() {
        TenantChange change = TenantChange.of(event("io.cygnetci.tenant.deactivated.v1", """
                {"tenant_id": "%s", "slug": "acme", "active": false,
                 "plan": {"max_agents": 5, "max_pipelines": 7, "requests_per_minute": 600,
                          "executions_per_hour": 40, "deployments_per_hour": 9}}""".formatted(tenant)), json)
                .orElseThrow();
        assertThat(change.tenantId()).isEqualTo(tenant);
        assertThat(change.slug()).isEqualTo("acme");
        assertThat(change.usable()).isFalse();
        assertThat(change.deleted()).isFalse();
        assertThat(change.plan()).isEqualTo(new TenantChange.Plan(5, 7, 600, 40, 9));
    }

    @Test
    void whenAnEventLacksPlanLimitsThenTheyAreNull() {
        TenantChange change = TenantChange.of(event("io.cygnetci.tenant.created.v1", """
                {"tenant_id": "%s", "slug": "acme", "active": true}""".formatted(tenant)), json).orElseThrow();
        assertThat(change.usable()).isTrue();
        assertThat(change.plan().maxAgents()).isNull();
    }

    @Test
    void whenATenantIsDeletedThenItIsNotUsableAndOtherEventsOfTheTopicAreNoChange() {
        TenantChange deleted = TenantChange.of(event("io.cygnetci.tenant.deleted.v1", """
                {"tenant_id": "%s", "slug": "acme"}""".formatted(tenant)), json).orElseThrow();
        assertThat(deleted.deleted()).isTrue();
        assertThat(deleted.usable()).isFalse();
        assertThat(TenantChange.of(event("io.cygnetci.membership.added.v1", "{}"), json)).isEmpty();
    }
}
