package io.cygnetci.gateway.tenant;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import io.cygnetci.gateway.config.BenchmarkBaseline;
import io.cygnetci.gateway.config.GatewayProperties;
import io.cygnetci.platform.problem.BadRequestException;
import io.cygnetci.platform.problem.ForbiddenException;
import io.cygnetci.platform.security.CurrentCaller;
import io.cygnetci.platform.security.CygnetPrincipal;
import io.cygnetci.platform.tenancy.TenantContext;
import io.cygnetci.platform.tenancy.web.TenantContextWebFilter;
import reactor.core.publisher.Mono;

import org.springframework.context.annotation.Profile;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Resolves the tenant of each request, in order: subdomain {@code {slug}.{base-domain}}, {@code X-Tenant-ID}
 * (id or slug), the token's {@code tid}. A tenant named by subdomain or header must be the token's (or the caller
 * is a platform admin), else 403; an unknown or deactivated tenant answers 403. Every client-supplied
 * {@code X-Tenant-*} header and untrusted {@code X-Forwarded-*} header is removed, then {@code X-Tenant-ID} is set
 * to the resolved id for the service behind.
 */
@Profile(BenchmarkBaseline.NOT_BASELINE)
@Component
public class GatewayTenantFilter implements WebFilter, Ordered {

    public static final String TENANT_HEADER = "X-Tenant-ID";

    private final TenantDirectory directory;
    private final GatewayProperties properties;
    private final String domainSuffix;

    public GatewayTenantFilter(TenantDirectory directory, GatewayProperties properties) {
        this.directory = directory;
        this.properties = properties;
        this.domainSuffix = "." + properties.baseDomain().toLowerCase(Locale.ROOT);
    }

    @Override
    public int getOrder() {
        // after Spring Security (-100), before the rate limiter
        return -60;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        Optional<String> named;
        try {
            named = subdomain(exchange.getRequest()).or(() -> header(exchange.getRequest()));
        }
        catch (BadRequestException ex) {
            return Mono.error(ex);
        }
        return CurrentCaller.principal()
                // a platform admin's token may carry no tenant: then the request has none (resolve answers null)
                .mapNotNull(principal -> resolve(named, principal))
                .map(Optional::of)
                .defaultIfEmpty(Optional.empty())
                .flatMap(tenant -> {
                    // anonymous requests (public paths only) pass with no tenant, whatever the host or headers say
                    ServerWebExchange sanitized = sanitize(exchange, tenant.map(TenantEntry::id));
                    if (tenant.isEmpty()) {
                        return chain.filter(sanitized);
                    }
                    sanitized.getAttributes().put(TenantContextWebFilter.TENANT_ATTRIBUTE, tenant.get().id());
                    sanitized.getAttributes().put(TenantEntry.class.getName(), tenant.get());
                    return chain.filter(sanitized).contextWrite(TenantContext.with(tenant.get().id()));
                });
    }

    private TenantEntry resolve(Optional<String> named, CygnetPrincipal principal) {
        Optional<TenantEntry> requested = named.map(this::lookup);
        if (named.isPresent() && requested.isEmpty()) {
            throw new ForbiddenException("Unknown tenant.");
        }
        if (requested.isPresent() && !principal.platformAdmin()
                && !requested.get().id().equals(principal.tenantId())) {
            throw new ForbiddenException("The requested tenant is not the token's tenant.");
        }
        if (requested.isEmpty() && principal.tenantId() == null) {
            return null;
        }
        TenantEntry tenant = requested.or(() -> directory.byId(principal.tenantId()))
                .orElseThrow(() -> new ForbiddenException("Unknown tenant."));
        if (!tenant.active() && !principal.platformAdmin()) {
            throw new ForbiddenException("The tenant is deactivated.");
        }
        return tenant;
    }

    private TenantEntry lookup(String idOrSlug) {
        try {
            return directory.byId(UUID.fromString(idOrSlug)).orElse(null);
        }
        catch (IllegalArgumentException notAnId) {
            return directory.bySlug(idOrSlug.toLowerCase(Locale.ROOT)).orElse(null);
        }
    }

    private Optional<String> subdomain(ServerHttpRequest request) {
        String host = request.getHeaders().getFirst(HttpHeaders.HOST);
        if (host == null) {
            return Optional.empty();
        }
        String name = host.toLowerCase(Locale.ROOT).replaceFirst(":\\d+$", "");
        if (!name.endsWith(domainSuffix)) {
            return Optional.empty();
        }
        String label = name.substring(0, name.length() - domainSuffix.length());
        return label.isEmpty() || label.contains(".") ? Optional.empty() : Optional.of(label);
    }

    private static Optional<String> header(ServerHttpRequest request) {
        List<String> values = request.getHeaders().getOrEmpty(TENANT_HEADER);
        if (values.isEmpty()) {
            return Optional.empty();
        }
        if (values.size() > 1 || values.get(0).contains(",") || values.get(0).isBlank()) {
            throw new BadRequestException("Send exactly one X-Tenant-ID header.");
        }
        return Optional.of(values.get(0).trim());
    }

    private ServerWebExchange sanitize(ServerWebExchange exchange, Optional<UUID> tenant) {
        boolean trusted = isTrustedProxy(exchange.getRequest().getRemoteAddress());
        ServerHttpRequest request = exchange.getRequest().mutate().headers(headers -> {
            List<String> spoofable = headers.headerNames().stream().filter(name -> {
                String lower = name.toLowerCase(Locale.ROOT);
                return lower.startsWith("x-tenant-") || (!trusted && (lower.startsWith("x-forwarded-")
                        || lower.equals("forwarded")));
            }).toList();
            spoofable.forEach(headers::remove);
            tenant.ifPresent(id -> headers.set(TENANT_HEADER, id.toString()));
        }).build();
        return exchange.mutate().request(request).build();
    }

    private boolean isTrustedProxy(InetSocketAddress remote) {
        if (remote == null || remote.getAddress() == null) {
            return false;
        }
        return properties.trustedProxies().contains(remote.getAddress().getHostAddress());
    }
}
