package io.cygnetci.agent.agent.domain;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import io.cygnetci.platform.data.Keyset;
import io.cygnetci.platform.data.PageRequest;
import io.cygnetci.platform.data.Rows;
import io.cygnetci.platform.data.TenantDatabase;
import io.r2dbc.spi.Readable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient.GenericExecuteSpec;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Repository;

/** SQL over {@code agents}; every method runs inside the caller's transaction (tenant or platform scope). */
@Repository
public class AgentRepository {

    private final TenantDatabase database;

    public AgentRepository(TenantDatabase database) {
        this.database = database;
    }

    public Mono<Agent> findById(UUID id) {
        return database.client().sql("select * from agents where id = :id").bind("id", id)
                .map(AgentRepository::mapRow).one();
    }

    public Mono<Agent> findByUuid(UUID agentUuid) {
        return database.client().sql("select * from agents where agent_uuid = :uuid").bind("uuid", agentUuid)
                .map(AgentRepository::mapRow).one();
    }

    public Mono<Long> count() {
        return database.client().sql("select count(*) as n from agents where " + TenantDatabase.CURRENT_TENANT).map(row -> row.get("n", Long.class)).one();
    }

    public Mono<Agent> insert(UUID id, UUID tenantId, Registration r, UUID credentialId, UUID tokenId, Instant now) {
        return bindRegistration(database.client().sql("""
                insert into agents (id, tenant_id, agent_uuid, name, hostname, os, arch, location, labels, version,
                    status, status_changed_at, credential_id, registration_token_id, created_at, updated_at)
                values (:id, :tenant, :uuid, :name, :hostname, :os, :arch, :location, :labels, :version,
                    'never_connected', :now, :credential, :token, :now, :now)
                returning *"""), r)
                .bind("id", id).bind("tenant", tenantId).bind("uuid", r.uuid()).bind("credential", credentialId)
                .bind("token", tokenId).bind("now", Rows.timestamp(now))
                .map(AgentRepository::mapRow).one();
    }

    /** The same agent registering again: it describes itself anew and gets a new credential. */
    public Mono<Agent> reregister(UUID id, Registration r, UUID credentialId, UUID tokenId, Instant now) {
        return bindRegistration(database.client().sql("""
                update agents set name = :name, hostname = :hostname, os = :os, arch = :arch, location = :location,
                    labels = :labels, version = :version, credential_id = :credential,
                    registration_token_id = :token, pending_action = null, updated_at = :now
                where id = :id returning *"""), r)
                .bind("id", id).bind("credential", credentialId).bind("token", tokenId)
                .bind("now", Rows.timestamp(now))
                .map(AgentRepository::mapRow).one();
    }

    public Mono<Agent> update(UUID id, String name, List<String> labels, String location, Instant now) {
        return database.client().sql("""
                update agents set name = coalesce(:name, name), labels = coalesce(:labels, labels),
                    location = coalesce(:location, location), updated_at = :now
                where id = :id returning *""")
                .bind("id", id).bind("name", Parameter.fromOrEmpty(name, String.class))
                .bind("labels", Parameter.fromOrEmpty(labels == null ? null : labels.toArray(String[]::new),
                        String[].class))
                .bind("location", Parameter.fromOrEmpty(location, String.class)).bind("now", Rows.timestamp(now))
                .map(AgentRepository::mapRow).one();
    }

    /** Answers the agent only when the flag changed. */
    public Mono<Agent> setDisabled(UUID id, boolean disabled, Instant now) {
        return database.client().sql("""
                update agents set disabled = :disabled, updated_at = :now
                where id = :id and disabled <> :disabled returning *""")
                .bind("id", id).bind("disabled", disabled).bind("now", Rows.timestamp(now))
                .map(AgentRepository::mapRow).one();
    }

    public Mono<Agent> requestStop(UUID id, Instant now) {
        return database.client().sql("update agents set pending_action = 'stop', updated_at = :now where id = :id "
                + "returning *").bind("id", id).bind("now", Rows.timestamp(now)).map(AgentRepository::mapRow).one();
    }

    public Mono<Agent> delete(UUID id) {
        return database.client().sql("delete from agents where id = :id returning *").bind("id", id)
                .map(AgentRepository::mapRow).one();
    }

    /**
     * @param usable whether the tenant is usable: if not, every agent shows as disabled
     */
    public Flux<Agent> list(AgentQuery query, PageRequest page, boolean usable) {
        StringBuilder sql = new StringBuilder("select * from agents where ").append(TenantDatabase.CURRENT_TENANT).append(" and ").append(Keyset.after("id"));
        if (query.status() != null) {
            sql.append(switch (query.status()) {
                case AgentStatus.DISABLED -> usable ? " and disabled" : "";
                default -> usable ? " and not disabled and status = :status" : " and false";
            });
        }
        if (query.label() != null) {
            sql.append(" and labels @> array[cast(:label as text)]");
        }
        if (query.q() != null) {
            sql.append(" and (name ilike :q or hostname ilike :q)");
        }
        GenericExecuteSpec spec = database.client().sql(sql + Keyset.ORDER_AND_LIMIT);
        if (query.status() != null && !query.status().equals(AgentStatus.DISABLED) && usable) {
            spec = spec.bind("status", query.status());
        }
        if (query.label() != null) {
            spec = spec.bind("label", query.label());
        }
        if (query.q() != null) {
            spec = spec.bind("q", "%" + query.q().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
        }
        return Keyset.bind(spec, page).map(AgentRepository::mapRow).all();
    }

    private static GenericExecuteSpec bindRegistration(GenericExecuteSpec spec, Registration r) {
        return spec.bind("name", r.name())
                .bind("hostname", Parameter.fromOrEmpty(r.hostname(), String.class))
                .bind("os", Parameter.fromOrEmpty(r.os(), String.class))
                .bind("arch", Parameter.fromOrEmpty(r.arch(), String.class))
                .bind("location", Parameter.fromOrEmpty(r.location(), String.class))
                .bind("labels", r.labels() == null ? new String[0] : r.labels().toArray(String[]::new))
                .bind("version", Parameter.fromOrEmpty(r.version(), String.class));
    }

    public static Agent mapRow(Readable row) {
        String[] labels = row.get("labels", String[].class);
        return new Agent(row.get("id", UUID.class), row.get("tenant_id", UUID.class),
                row.get("agent_uuid", UUID.class), row.get("name", String.class), row.get("hostname", String.class),
                row.get("os", String.class), row.get("arch", String.class), row.get("location", String.class),
                labels == null ? List.of() : Arrays.asList(labels), row.get("version", String.class),
                row.get("status", String.class), Rows.instant(row, "status_changed_at"),
                Boolean.TRUE.equals(row.get("disabled", Boolean.class)), row.get("pending_action", String.class),
                row.get("credential_id", UUID.class), Rows.instant(row, "last_seen_at"),
                new Agent.Load(row.get("cpu_percent", Float.class), row.get("memory_percent", Float.class),
                        row.get("disk_percent", Float.class), row.get("running_jobs", Integer.class)),
                Rows.instant(row, "created_at"), Rows.instant(row, "updated_at"));
    }
}
