package io.cygnetci.agent.liveness.domain;

import java.util.UUID;

import io.cygnetci.agent.config.AgentProperties;
import io.cygnetci.agent.heartbeat.domain.AgentAccessCache;
import io.cygnetci.platform.data.TenantDatabase;
import io.cygnetci.platform.problem.BadRequestException;
import io.cygnetci.platform.security.Access;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Service;

/** Per-tenant heartbeat interval and offline window; tenants without their own use the platform defaults. */
@Service
public class AgentSettingsService {

    private final TenantDatabase database;
    private final AgentProperties properties;
    private final AgentAccessCache access;

    public AgentSettingsService(TenantDatabase database, AgentProperties properties, AgentAccessCache access) {
        this.database = database;
        this.properties = properties;
        this.access = access;
    }

    public Mono<AgentSettings> get() {
        return Access.currentTenantReader().flatMap(caller -> database.inTenant(caller.tenantId(),
                current(caller.tenantId())));
    }

    /** The tenant's settings; runs inside a transaction of that tenant. */
    public Mono<AgentSettings> current(UUID tenantId) {
        return database.client().sql("select * from agent_settings where tenant_id = :tenant")
                .bind("tenant", tenantId)
                .map(row -> settings(row.get("heartbeat_interval_seconds", Integer.class),
                        row.get("offline_after_seconds", Integer.class), true))
                .one()
                .defaultIfEmpty(settings(null, null, false));
    }

    /** @param offlineAfterSeconds null: three intervals (or the configured number) */
    public Mono<AgentSettings> update(int heartbeatIntervalSeconds, Integer offlineAfterSeconds) {
        if (offlineAfterSeconds != null && offlineAfterSeconds <= heartbeatIntervalSeconds) {
            throw BadRequestException.field("offline_after_seconds", "must be longer than heartbeat_interval_seconds");
        }
        return Access.currentTenantAdmin().flatMap(caller -> database.inTenant(caller.tenantId(), database.client()
                .sql("""
                        insert into agent_settings (tenant_id, heartbeat_interval_seconds, offline_after_seconds,
                            updated_by)
                        values (:tenant, :interval, :offline, :by)
                        on conflict (tenant_id) do update set heartbeat_interval_seconds = excluded.heartbeat_interval_seconds,
                            offline_after_seconds = excluded.offline_after_seconds, updated_by = excluded.updated_by,
                            updated_at = clock_timestamp()""")
                .bind("tenant", caller.tenantId()).bind("interval", heartbeatIntervalSeconds)
                .bind("offline", Parameter.fromOrEmpty(offlineAfterSeconds, Integer.class))
                .bind("by", Parameter.fromOrEmpty(caller.principal().userId(), UUID.class))
                .fetch().rowsUpdated()
                .then(current(caller.tenantId())))
                .doOnSuccess(saved -> access.evictTenant(caller.tenantId())));
    }

    private AgentSettings settings(Integer interval, Integer offlineAfter, boolean custom) {
        int seconds = interval == null ? (int) properties.heartbeatInterval().toSeconds() : interval;
        int window = offlineAfter == null ? seconds * properties.offlineAfterIntervals() : offlineAfter;
        return new AgentSettings(seconds, window, custom);
    }
}
