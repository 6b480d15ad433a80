package io.cygnetci.agent.heartbeat.domain;

import java.util.Optional;
import java.util.UUID;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.cygnetci.agent.config.AgentProperties;
import io.cygnetci.platform.data.TenantDatabase;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

/**
 * Keeps what each agent's heartbeat is checked against (current credential, disabled, pending action, interval)
 * in memory, so a heartbeat costs no database read. Entries live {@code cygnetci.agents.access-cache-ttl}; a change
 * made by this replica evicts its entry at once, and changes made by other replicas arrive through
 * {@code cygnetci.agents.v1} (see {@code AgentChangesListener}).
 */
@Component
public class AgentAccessCache {

    private final TenantDatabase database;
    private final AsyncCache<UUID, Optional<AgentAccess>> cache;

    public AgentAccessCache(TenantDatabase database, AgentProperties properties) {
        this.database = database;
        this.cache = Caffeine.newBuilder().maximumSize(500_000).expireAfterWrite(properties.accessCacheTtl())
                .buildAsync();
    }

    /** The agent's access facts, empty if it does not exist in that tenant. */
    public Mono<AgentAccess> get(UUID tenantId, UUID agentId) {
        return Mono.fromFuture(() -> cache.get(agentId, (id, executor) -> load(tenantId, id).toFuture()), true)
                .flatMap(Mono::justOrEmpty)
                .filter(access -> access.tenantId().equals(tenantId));
    }

    public void evict(UUID agentId) {
        cache.synchronous().invalidate(agentId);
    }

    public void evictTenant(UUID tenantId) {
        cache.synchronous().asMap().entrySet()
                .removeIf(e -> e.getValue().map(a -> a.tenantId().equals(tenantId)).orElse(true));
    }

    private Mono<Optional<AgentAccess>> load(UUID tenantId, UUID agentId) {
        return database.inTenant(tenantId, database.client().sql("""
                select a.tenant_id, a.credential_id, a.disabled, a.pending_action, s.heartbeat_interval_seconds
                from agents a left join agent_settings s on s.tenant_id = a.tenant_id where a.id = :id""")
                .bind("id", agentId)
                .map(row -> new AgentAccess(row.get("tenant_id", UUID.class), row.get("credential_id", UUID.class),
                        Boolean.TRUE.equals(row.get("disabled", Boolean.class)),
                        row.get("pending_action", String.class),
                        row.get("heartbeat_interval_seconds", Integer.class)))
                .one())
                .map(Optional::of)
                .defaultIfEmpty(Optional.empty());
    }
}
