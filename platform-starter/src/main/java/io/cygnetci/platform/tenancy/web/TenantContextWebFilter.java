package io.cygnetci.platform.tenancy.web;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.cygnetci.platform.problem.ForbiddenException;
import io.cygnetci.platform.problem.BadRequestException;
import io.cygnetci.platform.security.CygnetPrincipal;
import io.cygnetci.platform.security.CurrentCaller;
import io.cygnetci.platform.tenancy.RequestMetadata;
import io.cygnetci.platform.tenancy.TenantAccessPolicy;
import io.cygnetci.platform.tenancy.TenantContext;
import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Resolves the tenant of an authenticated request and puts it into the Reactor Context.
 * <p>
 * The token's {@code tid} is the tenant; an {@code X-Tenant-ID} header is accepted only when it names that same
 * tenant, or when the caller is a platform admin (who may act for any tenant). A deactivated tenant is refused.
 * Runs after Spring Security, so the principal is known.
 */
public class TenantContextWebFilter implements WebFilter, Ordered {

    public static final String TENANT_HEADER = "X-Tenant-ID";

    /** Exchange attribute carrying the resolved tenant id, for observations and metrics. */
    public static final String TENANT_ATTRIBUTE = TenantContextWebFilter.class.getName() + ".tenant";

    private final TenantAccessPolicy accessPolicy;

    public TenantContextWebFilter(TenantAccessPolicy accessPolicy) {
        this.accessPolicy = accessPolicy;
    }

    @Override
    public int getOrder() {
        // Spring Security's WebFilterChainProxy runs at -100
        return -50;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        RequestMetadata metadata = metadata(exchange);
        // resolve first, then run the chain exactly once (chain.filter completes empty: never switchIfEmpty it)
        return CurrentCaller.principal()
                .flatMap(principal -> resolve(exchange, principal))
                .map(Optional::of)
                .defaultIfEmpty(Optional.empty())
                .flatMap(tenant -> {
                    if (tenant.isEmpty()) {
                        return chain.filter(exchange);
                    }
                    exchange.getAttributes().put(TENANT_ATTRIBUTE, tenant.get());
                    return chain.filter(exchange).contextWrite(TenantContext.with(tenant.get()));
                })
                .contextWrite(ctx -> ctx.put(RequestMetadata.KEY, metadata));
    }

    private Mono<UUID> resolve(ServerWebExchange exchange, CygnetPrincipal principal) {
        Optional<UUID> requested = requestedTenant(exchange);
        Optional<UUID> tenant = requested.or(principal::tenant);
        if (requested.isPresent() && !principal.platformAdmin() && !requested.equals(principal.tenant())) {
            return Mono.error(new ForbiddenException("The X-Tenant-ID header does not name the token's tenant."));
        }
        if (tenant.isEmpty()) {
            return Mono.empty();
        }
        UUID tenantId = tenant.get();
        if (principal.platformAdmin()) {
            // operators may inspect and reactivate deactivated tenants
            return Mono.just(tenantId);
        }
        return accessPolicy.isActive(tenantId).flatMap(active -> active
                ? Mono.just(tenantId)
                : Mono.error(new ForbiddenException("The tenant is deactivated.")));
    }

    private static Optional<UUID> requestedTenant(ServerWebExchange exchange) {
        List<String> values = exchange.getRequest().getHeaders().getOrEmpty(TENANT_HEADER);
        if (values.isEmpty()) {
            return Optional.empty();
        }
        if (values.size() > 1 || values.get(0).contains(",")) {
            throw new BadRequestException("Send exactly one X-Tenant-ID header.");
        }
        try {
            return Optional.of(UUID.fromString(values.get(0).trim()));
        }
        catch (IllegalArgumentException ex) {
            throw new BadRequestException("X-Tenant-ID must be a tenant id (UUID).");
        }
    }

    private static RequestMetadata metadata(ServerWebExchange exchange) {
        InetSocketAddress remote = exchange.getRequest().getRemoteAddress();
        String address = remote == null || remote.getAddress() == null ? null : remote.getAddress().getHostAddress();
        return new RequestMetadata(address, exchange.getRequest().getHeaders().getFirst(HttpHeaders.USER_AGENT));
    }
}
