package io.cygnetci.monitoring.readmodel.agent;

import java.time.Instant;
import java.util.UUID;

import io.cygnetci.platform.data.Rows;
import io.cygnetci.platform.data.TenantDatabase;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Repository;

/** The {@code agents} read model: each agent's name and state, and how far its online time is metered. */
@Repository
public class AgentViews {

    private final TenantDatabase database;

    public AgentViews(TenantDatabase database) {
        this.database = database;
    }

    /** The agent as it was before this event (empty: not seen before), its row locked for the transaction. */
    public Mono<AgentState> lock(UUID agentId) {
        return database.client().sql("select * from agents where agent_id = :id for update").bind("id", agentId)
                .map(row -> new AgentState(row.get("agent_id", UUID.class), row.get("name", String.class),
                        row.get("status", String.class), Boolean.TRUE.equals(row.get("deleted", Boolean.class)),
                        Rows.instant(row, "metered_until"), Rows.instant(row, "changed_at")))
                .one();
    }

    public Mono<Void> save(UUID tenantId, UUID agentId, String name, String status, boolean disabled, boolean deleted,
            Instant meteredUntil, Instant changedAt) {
        return database.client().sql("""
                insert into agents (agent_id, tenant_id, name, status, disabled, deleted, metered_until, changed_at)
                values (:id, :tenant, :name, :status, :disabled, :deleted, :metered, :changed)
                on conflict (agent_id) do update set name = excluded.name, status = excluded.status,
                    disabled = excluded.disabled, deleted = excluded.deleted, metered_until = excluded.metered_until,
                    changed_at = excluded.changed_at""")
                .bind("id", agentId).bind("tenant", tenantId).bind("name", name).bind("status", status)
                .bind("disabled", disabled).bind("deleted", deleted).bind("metered", Rows.timestamp(meteredUntil))
                .bind("changed", Rows.timestamp(changedAt))
                .then();
    }

    /** Online agents whose time is metered up to before {@code now}, across tenants, locked (platform scope). */
    public Flux<AgentState> lockOnlineUnmetered(Instant now, int limit) {
        return database.client().sql("""
                select * from agents where status = 'online' and not deleted and metered_until < :now
                order by metered_until limit :limit for update skip locked""")
                .bind("now", Rows.timestamp(now)).bind("limit", limit)
                .map(row -> new AgentState(row.get("agent_id", UUID.class), row.get("name", String.class),
                        row.get("status", String.class), false, Rows.instant(row, "metered_until"),
                        Rows.instant(row, "changed_at"), row.get("tenant_id", UUID.class)))
                .all();
    }

    public Mono<Void> meteredUntil(UUID agentId, Instant until) {
        return database.client().sql("update agents set metered_until = :until where agent_id = :id")
                .bind("id", agentId).bind("until", Rows.timestamp(until))
                .then();
    }

    /** What the read model knows of an agent. */
    public record AgentState(UUID agentId, String name, String status, boolean deleted, Instant meteredUntil,
            Instant changedAt, UUID tenantId) {

        AgentState(UUID agentId, String name, String status, boolean deleted, Instant meteredUntil,
                Instant changedAt) {
            this(agentId, name, status, deleted, meteredUntil, changedAt, null);
        }

        public boolean online() {
            return "online".equals(status) && !deleted;
        }
    }
}
