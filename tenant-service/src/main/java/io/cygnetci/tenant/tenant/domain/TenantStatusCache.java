package io.cygnetci.tenant.tenant.domain;

import java.time.Duration;
import java.util.UUID;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.cygnetci.platform.data.DbScope;
import io.cygnetci.platform.data.TenantDatabase;
import io.cygnetci.platform.tenancy.TenantAccessPolicy;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

/**
 * Whether a tenant is active, for the platform's {@link TenantAccessPolicy}: a deactivated or deleted tenant's
 * tokens are refused on every request. Answers are cached briefly; this service forgets them as soon as it
 * changes a tenant's state. Concurrent requests for a tenant whose answer expired share one query, and that query
 * is not cancelled when the request that started it goes away (a client hanging up mid-query had left pooled
 * connections in limbo under load).
 */
@Component
public class TenantStatusCache implements TenantAccessPolicy {

    private static final Duration TTL = Duration.ofSeconds(5);
    private static final Duration QUERY_TIMEOUT = Duration.ofSeconds(5);

    private final TenantDatabase database;
    private final AsyncCache<UUID, Boolean> entries = Caffeine.newBuilder().maximumSize(10_000)
            .expireAfterWrite(TTL).buildAsync();

    public TenantStatusCache(TenantDatabase database) {
        this.database = database;
    }

    @Override
    public Mono<Boolean> isActive(UUID tenantId) {
        return Mono.fromFuture(() -> entries.get(tenantId, (id, executor) -> load(id).toFuture()), true);
    }

    private Mono<Boolean> load(UUID tenantId) {
        return database.in(DbScope.tenant(tenantId), database.client()
                .sql("select active from tenants where id = :id").bind("id", tenantId)
                .map(row -> Boolean.TRUE.equals(row.get("active", Boolean.class))).one())
                .defaultIfEmpty(false)
                .timeout(QUERY_TIMEOUT);
    }

    public void forget(UUID tenantId) {
        entries.synchronous().invalidate(tenantId);
    }
}
