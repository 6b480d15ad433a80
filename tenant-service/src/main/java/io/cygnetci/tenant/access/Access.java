package io.cygnetci.tenant.access;

import java.util.UUID;

import io.cygnetci.platform.problem.ForbiddenException;
import io.cygnetci.platform.problem.NotFoundException;
import io.cygnetci.platform.security.CurrentCaller;
import io.cygnetci.platform.security.CygnetPrincipal;
import reactor.core.publisher.Mono;

/**
 * Who may touch a tenant. A tenant outside the caller's token answers 404 (never 403), so nobody learns which
 * tenants exist; within their tenant, a caller lacking the role gets 403.
 */
public final class Access {

    private Access() {
    }

    /** Any member of {@code tenantId} (or a platform admin); others: 404. */
    public static Mono<CygnetPrincipal> reader(UUID tenantId) {
        return CurrentCaller.require().flatMap(caller -> caller.canRead(tenantId)
                ? Mono.just(caller) : Mono.error(new NotFoundException("tenant")));
    }

    /** A tenant admin of {@code tenantId} (or a platform admin); other members: 403; others: 404. */
    public static Mono<CygnetPrincipal> admin(UUID tenantId) {
        return reader(tenantId).flatMap(caller -> caller.canAdminister(tenantId)
                ? Mono.just(caller) : Mono.error(new ForbiddenException("This needs the tenant_admin role.")));
    }

    /** A platform admin; others: 403. */
    public static Mono<CygnetPrincipal> platformAdmin() {
        return CurrentCaller.require().flatMap(caller -> caller.platformAdmin()
                ? Mono.just(caller) : Mono.error(new ForbiddenException("This needs the platform_admin role.")));
    }
}
