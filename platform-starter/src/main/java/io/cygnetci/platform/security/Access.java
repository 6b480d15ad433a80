package io.cygnetci.platform.security;

import java.util.UUID;

import io.cygnetci.platform.problem.ForbiddenException;
import io.cygnetci.platform.problem.NotFoundException;
import io.cygnetci.platform.tenancy.TenantContext;
import reactor.core.publisher.Mono;

/**
 * Who may touch a tenant. A tenant outside the caller's token answers 404 (never 403), so nobody learns which
 * tenants exist; within their tenant, a caller lacking the role gets 403. Agent credentials are no member of any
 * tenant: they reach only what {@link #agent()} guards.
 */
public final class Access {

    private Access() {
    }

    /** Any member of {@code tenantId} (or a platform admin); agent credentials: 403; others: 404. */
    public static Mono<CygnetPrincipal> reader(UUID tenantId) {
        return CurrentCaller.require().flatMap(caller -> {
            if (caller.isAgent()) {
                return Mono.error(new ForbiddenException("An agent credential cannot do this."));
            }
            return caller.canRead(tenantId) ? Mono.just(caller) : Mono.error(new NotFoundException("tenant"));
        });
    }

    /** A tenant admin of {@code tenantId} (or a platform admin); other members: 403; others: 404. */
    public static Mono<CygnetPrincipal> admin(UUID tenantId) {
        return reader(tenantId).flatMap(caller -> caller.canAdminister(tenantId)
                ? Mono.just(caller) : Mono.error(new ForbiddenException("This needs the tenant_admin role.")));
    }

    /** A tenant admin or member of {@code tenantId} (or a platform admin); viewers: 403; others: 404. */
    public static Mono<CygnetPrincipal> writer(UUID tenantId) {
        return reader(tenantId).flatMap(caller -> caller.canAdminister(tenantId) || caller.hasRole(Roles.MEMBER)
                ? Mono.just(caller)
                : Mono.error(new ForbiddenException("This needs the member or tenant_admin role.")));
    }

    /** A platform admin; others: 403. */
    public static Mono<CygnetPrincipal> platformAdmin() {
        return CurrentCaller.require().flatMap(caller -> caller.platformAdmin()
                ? Mono.just(caller) : Mono.error(new ForbiddenException("This needs the platform_admin role.")));
    }

    /** Any member of the tenant of this request (its tenant context) or a platform admin. */
    public static Mono<TenantCaller> currentTenantReader() {
        return TenantContext.require().flatMap(tenant -> reader(tenant).map(caller -> new TenantCaller(tenant, caller)));
    }

    /** A member or tenant admin of the tenant of this request, or a platform admin; viewers: 403. */
    public static Mono<TenantCaller> currentTenantWriter() {
        return TenantContext.require().flatMap(tenant -> writer(tenant).map(caller -> new TenantCaller(tenant, caller)));
    }

    /** A tenant admin of the tenant of this request, or a platform admin. */
    public static Mono<TenantCaller> currentTenantAdmin() {
        return TenantContext.require().flatMap(tenant -> admin(tenant).map(caller -> new TenantCaller(tenant, caller)));
    }

    /** A build agent's credential; users: 403. */
    public static Mono<CygnetPrincipal> agent() {
        return CurrentCaller.require().flatMap(caller -> caller.isAgent() && caller.tenantId() != null
                ? Mono.just(caller) : Mono.error(new ForbiddenException("This needs an agent credential.")));
    }

    /** The tenant a request acts on and who acts. */
    public record TenantCaller(UUID tenantId, CygnetPrincipal principal) {
    }
}
