package io.cygnetci.gateway.ratelimit;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;

import io.cygnetci.gateway.config.GatewayProperties;
import io.cygnetci.gateway.tenant.TenantEntry;
import io.cygnetci.gateway.usage.ApiRequestCounter;
import io.cygnetci.platform.metrics.TenantTagPolicy;
import io.cygnetci.platform.problem.TooManyRequestsException;
import io.cygnetci.platform.security.CurrentCaller;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.PathContainer;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * A token bucket per tenant, sized from its plan's {@code requests_per_minute}; runner traffic (heartbeats, the job
 * protocol) draws from a second bucket of the same tenant, so API bursts never starve its agents. Anonymous
 * requests are limited per client address. Every answer carries {@code X-RateLimit-*}; a refusal is a 429
 * problem with {@code Retry-After}, and the credentials are handed to the {@link OverLimitShortcut} so that
 * their next requests are refused before the costly part of the chain until a token is due.
 */
public class RateLimitFilter implements WebFilter, Ordered {

    static final String REFUSAL_DETAIL = "The request rate limit is exhausted; retry later.";

    private final TokenBuckets buckets;
    private final GatewayProperties.RateLimit limits;
    private final BucketKinds kinds;
    private final TenantTagPolicy tags;
    private final MeterRegistry meters;
    private final ApiRequestCounter apiRequests;
    private final OverLimitShortcut shortcut;
    private final List<PathPattern> exemptPaths;

    /**
     * @param apiRequests counts what tenants' API buckets admit, for billing (null: not counted)
     * @param shortcut told of every refused tenant request (null: none)
     */
    public RateLimitFilter(TokenBuckets buckets, GatewayProperties properties, BucketKinds kinds, TenantTagPolicy tags,
            MeterRegistry meters, ApiRequestCounter apiRequests, OverLimitShortcut shortcut) {
        this.buckets = buckets;
        this.limits = properties.rateLimit();
        this.kinds = kinds;
        this.tags = tags;
        this.meters = meters;
        this.apiRequests = apiRequests;
        this.shortcut = shortcut;
        this.exemptPaths = limits.exemptPaths().stream().map(PathPatternParser.defaultInstance::parse).toList();
    }

    @Override
    public int getOrder() {
        return -55;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        PathContainer path = exchange.getRequest().getPath().pathWithinApplication();
        if (exemptPaths.stream().anyMatch(pattern -> pattern.matches(path))) {
            return chain.filter(exchange);
        }
        TenantEntry tenant = exchange.getAttribute(TenantEntry.class.getName());
        String bucket;
        String key;
        int perMinute;
        if (tenant != null) {
            bucket = kinds.of(exchange.getRequest());
            key = bucket + ":" + tenant.id();
            perMinute = tenant.requestsPerMinute() > 0 ? tenant.requestsPerMinute() : limits.defaultRequestsPerMinute();
        }
        else {
            bucket = "anon";
            key = "anon:" + clientAddress(exchange);
            perMinute = limits.anonymousRequestsPerMinute();
        }
        return buckets.take(key, perMinute).flatMap(decision -> {
            HttpHeaders headers = exchange.getResponse().getHeaders();
            headers.set("X-RateLimit-Limit", Long.toString(decision.limit()));
            headers.set("X-RateLimit-Remaining", Long.toString(decision.remaining()));
            headers.set("X-RateLimit-Reset", Long.toString(decision.resetSeconds()));
            if (decision.allowed()) {
                if (apiRequests != null && BucketKinds.API.equals(bucket)) {
                    apiRequests.count(tenant.id());
                }
                return chain.filter(exchange);
            }
            Counter rejected = Counter.builder("cygnetci.gateway.ratelimit.rejected")
                    .description("Requests refused by the per-tenant rate limit")
                    .tag(TenantTagPolicy.TAG, tags.tagFor(tenant == null ? null : tenant.id()))
                    .tag("bucket", bucket)
                    .register(meters);
            rejected.increment();
            Mono<Void> refusal = Mono.error(new TooManyRequestsException(REFUSAL_DETAIL,
                    Duration.ofSeconds(decision.retryAfterSeconds())));
            if (tenant == null || shortcut == null) {
                return refusal;
            }
            return CurrentCaller.authentication()
                    .doOnNext(caller -> shortcut.remember(exchange, decision, tenant.id(), perMinute, rejected,
                            String.valueOf(caller.getPrincipal().userId()), caller.getToken().getExpiresAt()))
                    .then(refusal);
        });
    }

    private static String clientAddress(ServerWebExchange exchange) {
        InetSocketAddress remote = exchange.getRequest().getRemoteAddress();
        return remote == null || remote.getAddress() == null ? "unknown" : remote.getAddress().getHostAddress();
    }
}
