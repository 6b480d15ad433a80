package io.cygnetci.tenant.tenant.domain;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import io.cygnetci.platform.data.DbScope;
import io.cygnetci.platform.data.TenantDatabase;
import io.cygnetci.platform.tenancy.TenantAccessPolicy;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

/**
 * Whether a tenant is active, for the platform's {@link TenantAccessPolicy}: a deactivated or deleted tenant's
 * tokens are refused on every request. Answers are cached briefly; this service forgets them as soon as it
 * changes a tenant's state.
 */
@Component
public class TenantStatusCache implements TenantAccessPolicy {

    private static final Duration TTL = Duration.ofSeconds(5);
    private static final int MAX_ENTRIES = 10_000;

    private record Entry(boolean active, long expiresAt) {
    }

    private final TenantDatabase database;
    private final Map<UUID, Entry> entries = new ConcurrentHashMap<>();

    public TenantStatusCache(TenantDatabase database) {
        this.database = database;
    }

    @Override
    public Mono<Boolean> isActive(UUID tenantId) {
        Entry entry = entries.get(tenantId);
        long now = System.nanoTime();
        if (entry != null && entry.expiresAt() - now > 0) {
            return Mono.just(entry.active());
        }
        return database.in(DbScope.tenant(tenantId), database.client()
                .sql("select active from tenants where id = :id").bind("id", tenantId)
                .map(row -> Boolean.TRUE.equals(row.get("active", Boolean.class))).one())
                .defaultIfEmpty(false)
                .doOnNext(active -> {
                    if (entries.size() > MAX_ENTRIES) {
                        entries.clear();
                    }
                    entries.put(tenantId, new Entry(active, now + TTL.toNanos()));
                });
    }

    public void forget(UUID tenantId) {
        entries.remove(tenantId);
    }
}
