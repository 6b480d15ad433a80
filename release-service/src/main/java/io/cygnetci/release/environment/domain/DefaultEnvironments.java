package io.cygnetci.release.environment.domain;

import java.util.List;
import java.util.UUID;

import io.cygnetci.platform.data.TenantDatabase;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

/** Dev, QA, Staging and Production, Production behind one approval: what a new tenant starts with. */
@Component
public class DefaultEnvironments {

    static final List<EnvironmentDefinition> DEFAULTS = List.of(
            new EnvironmentDefinition("Dev", "Every change lands here first", 1, 0),
            new EnvironmentDefinition("QA", "Tested by the QA team", 2, 0),
            new EnvironmentDefinition("Staging", "A copy of production", 3, 0),
            new EnvironmentDefinition("Production", "What customers use", 4, 1));

    private final TenantDatabase database;

    public DefaultEnvironments(TenantDatabase database) {
        this.database = database;
    }

    /** Creates them inside the caller's transaction of the tenant. */
    public Mono<Void> create(UUID tenantId) {
        return Flux.fromIterable(DEFAULTS).concatMap(d -> database.client().sql("""
                insert into environments (id, tenant_id, name, description, position, required_approvals)
                values (:id, :tenant, :name, :description, :position, :approvals)""")
                .bind("id", UUID.randomUUID()).bind("tenant", tenantId).bind("name", d.name())
                .bind("description", d.description()).bind("position", d.position())
                .bind("approvals", d.requiredApprovals())
                .fetch().rowsUpdated())
                .then();
    }
}
