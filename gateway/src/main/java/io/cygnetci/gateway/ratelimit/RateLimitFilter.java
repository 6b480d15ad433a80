package io.cygnetci.gateway.ratelimit;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;

import io.cygnetci.gateway.config.GatewayProperties;
import io.cygnetci.gateway.tenant.TenantEntry;
import io.cygnetci.gateway.usage.ApiRequestCounter;
import io.cygnetci.platform.metrics.TenantTagPolicy;
import io.cygnetci.platform.problem.TooManyRequestsException;
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
 * problem with {@code Retry-After}.
 */
public class RateLimitFilter implements WebFilter, Ordered {

    private final TokenBuckets buckets;
    private final GatewayProperties.RateLimit limits;
    private final List<PathPattern> runnerPaths;
    private final TenantTagPolicy tags;
    private final MeterRegistry meters;
    private final ApiRequestCounter apiRequests;

    /** @param apiRequests counts what tenants' API buckets admit, for billing (null: not counted) */
    public RateLimitFilter(TokenBuckets buckets, GatewayProperties properties, TenantTagPolicy tags,
            MeterRegistry meters, ApiRequestCounter apiRequests) {
        this.buckets = buckets;
        this.limits = properties.rateLimit();
        this.runnerPaths = limits.runnerPaths().stream().map(PathPatternParser.defaultInstance::parse).toList();
        this.tags = tags;
        this.meters = meters;
        this.apiRequests = apiRequests;
    }

    @Override
    public int getOrder() {
        return -55;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        TenantEntry tenant = exchange.getAttribute(TenantEntry.class.getName());
        String key;
        int perMinute;
        if (tenant != null) {
            boolean runner = isRunnerTraffic(exchange);
            key = (runner ? "runner:" : "api:") + tenant.id();
            perMinute = tenant.requestsPerMinute() > 0 ? tenant.requestsPerMinute() : limits.defaultRequestsPerMinute();
        }
        else {
            key = "anon:" + clientAddress(exchange);
            perMinute = limits.anonymousRequestsPerMinute();
        }
        return buckets.take(key, perMinute).flatMap(decision -> {
            HttpHeaders headers = exchange.getResponse().getHeaders();
            headers.set("X-RateLimit-Limit", Long.toString(decision.limit()));
            headers.set("X-RateLimit-Remaining", Long.toString(decision.remaining()));
            headers.set("X-RateLimit-Reset", Long.toString(decision.resetSeconds()));
            if (decision.allowed()) {
                if (apiRequests != null && key.startsWith("api:")) {
                    apiRequests.count(tenant.id());
                }
                return chain.filter(exchange);
            }
            Counter.builder("cygnetci.gateway.ratelimit.rejected")
                    .description("Requests refused by the per-tenant rate limit")
                    .tag(TenantTagPolicy.TAG, tags.tagFor(tenant == null ? null : tenant.id()))
                    .tag("bucket", key.substring(0, key.indexOf(':')))
                    .register(meters).increment();
            return Mono.error(new TooManyRequestsException("The request rate limit is exhausted; retry later.",
                    Duration.ofSeconds(decision.retryAfterSeconds())));
        });
    }

    private boolean isRunnerTraffic(ServerWebExchange exchange) {
        PathContainer path = exchange.getRequest().getPath().pathWithinApplication();
        for (PathPattern pattern : runnerPaths) {
            if (pattern.matches(path)) {
                return true;
            }
        }
        return false;
    }

    private static String clientAddress(ServerWebExchange exchange) {
        InetSocketAddress remote = exchange.getRequest().getRemoteAddress();
        return remote == null || remote.getAddress() == null ? "unknown" : remote.getAddress().getHostAddress();
    }
}
