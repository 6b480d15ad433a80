package io.cygnetci.pipeline.agent;

import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import io.cygnetci.platform.data.TenantDatabase;
import io.r2dbc.spi.Readable;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Component;

/** The local view of agents in the {@code agents} table; every method runs in the caller's tenant transaction. */
@Component
public class AgentViews {

    private final TenantDatabase database;

    public AgentViews(TenantDatabase database) {
        this.database = database;
    }

    /** The agent, when it belongs to the tenant of the surrounding transaction (Row-Level Security). */
    public Mono<AgentView> find(UUID agentId) {
        return database.client().sql("select * from agents where agent_id = :id").bind("id", agentId)
                .map(AgentViews::map).one();
    }

    /** Sets what an event says of an agent; a deleted agent stays deleted whatever arrives after. */
    public Mono<Void> apply(AgentView view) {
        return database.client().sql("""
                insert into agents (agent_id, tenant_id, name, labels, status, disabled, deleted, credential_id)
                values (:id, :tenant, :name, :labels, :status, :disabled, :deleted, :credential)
                on conflict (agent_id) do update set name = excluded.name, labels = excluded.labels,
                    status = excluded.status, disabled = excluded.disabled,
                    deleted = agents.deleted or excluded.deleted,
                    credential_id = coalesce(excluded.credential_id, agents.credential_id),
                    updated_at = clock_timestamp()
                where agents.tenant_id = excluded.tenant_id""")
                .bind("id", view.agentId()).bind("tenant", view.tenantId()).bind("name", view.name())
                .bind("labels", view.labels().toArray(String[]::new)).bind("status", view.status())
                .bind("disabled", view.disabled()).bind("deleted", view.deleted())
                .bind("credential", Parameter.fromOrEmpty(view.credentialId(), UUID.class))
                .fetch().rowsUpdated().then();
    }

    private static AgentView map(Readable row) {
        String[] labels = row.get("labels", String[].class);
        return new AgentView(row.get("agent_id", UUID.class), row.get("tenant_id", UUID.class),
                row.get("name", String.class), labels == null ? List.of() : Arrays.asList(labels),
                row.get("status", String.class), Boolean.TRUE.equals(row.get("disabled", Boolean.class)),
                Boolean.TRUE.equals(row.get("deleted", Boolean.class)), row.get("credential_id", UUID.class));
    }
}
