package io.cygnetci.platform.tenancy;

import java.util.UUID;

import reactor.core.publisher.Mono;

/**
 * Whether a tenant may be served at all (a deactivated tenant may not). tenant-service answers from its own
 * store; other services from their local view of tenant events. The default allows every tenant.
 */
@FunctionalInterface
public interface TenantAccessPolicy {

    Mono<Boolean> isActive(UUID tenantId);

    static TenantAccessPolicy allowAll() {
        return tenantId -> Mono.just(true);
    }
}
