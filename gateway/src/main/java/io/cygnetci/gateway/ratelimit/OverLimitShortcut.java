package io.cygnetci.gateway.ratelimit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.LongSupplier;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.cygnetci.gateway.tenant.TenantDirectory;
import io.cygnetci.gateway.tenant.TenantEntry;
import io.cygnetci.gateway.web.AccessLog;
import io.cygnetci.platform.problem.Problem;
import io.cygnetci.platform.problem.TooManyRequestsException;
import io.cygnetci.platform.problem.web.ProblemResponseWriter;
import io.cygnetci.platform.tenancy.web.TenantContextWebFilter;
import io.micrometer.core.instrument.Counter;
import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.reactive.CorsConfigurationSource;
import org.springframework.web.cors.reactive.CorsProcessor;
import org.springframework.web.cors.reactive.DefaultCorsProcessor;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Answers 429 cheaply for credentials the limiter has just refused. Once a tenant's bucket refuses a request, the
 * same credentials (the exact Authorization, Host and X-Tenant-ID values, for the same bucket) are refused here,
 * before token validation, tenant resolution and the limiter, until the bucket can hold its next token. Buckets
 * only refill with time, so until then the limiter would refuse too: the answer (status, rate-limit headers,
 * problem) is the one it would give. The tenant's current state and plan and the token's expiry are checked on
 * every use; a deactivated tenant, a changed plan or an expired token take the full path again.
 *
 * <p>Why: a tenant far above its plan otherwise costs every other tenant the gateway's full request path for each
 * refusal (docs/performance.md, "Noisy neighbour").
 */
public class OverLimitShortcut implements WebFilter, Ordered {

    static final String KEY_ATTRIBUTE = OverLimitShortcut.class.getName() + ".key";
    private static final List<String> NO_TENANT_HEADER = List.of();

    private final Cache<String, Refusal> refusals;
    private final TenantDirectory directory;
    private final BucketKinds kinds;
    private final CorsConfigurationSource cors;
    private final CorsProcessor corsProcessor = new DefaultCorsProcessor();
    private final ProblemResponseWriter problems;
    private final Clock clock;
    private final LongSupplier nanoClock;

    public OverLimitShortcut(TenantDirectory directory, BucketKinds kinds, CorsConfigurationSource cors,
            ProblemResponseWriter problems, Clock clock, long maxEntries) {
        this(directory, kinds, cors, problems, clock, maxEntries, System::nanoTime);
    }

    OverLimitShortcut(TenantDirectory directory, BucketKinds kinds, CorsConfigurationSource cors,
            ProblemResponseWriter problems, Clock clock, long maxEntries, LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
        this.directory = directory;
        this.kinds = kinds;
        this.cors = cors;
        this.problems = problems;
        this.clock = clock;
        this.refusals = Caffeine.newBuilder().maximumSize(maxEntries).expireAfterWrite(Duration.ofMinutes(1)).build();
    }

    @Override
    public int getOrder() {
        // before Spring Security (-100): a shortcut refusal skips token validation and everything after it
        return -150;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        long started = System.nanoTime();
        String key = keyOf(exchange.getRequest());
        if (key == null) {
            return chain.filter(exchange);
        }
        long now = nanoClock.getAsLong();
        Refusal refusal = refusals.getIfPresent(key);
        if (refusal == null || !stillRefused(refusal, now)) {
            if (refusal != null) {
                refusals.invalidate(key);
            }
            exchange.getAttributes().put(KEY_ATTRIBUTE, key);
            return chain.filter(exchange);
        }
        CorsConfiguration corsConfiguration = cors.getCorsConfiguration(exchange);
        if (corsConfiguration != null && !corsProcessor.process(corsConfiguration, exchange)) {
            return Mono.empty(); // the processor has answered 403, as Spring Security's CORS filter would
        }
        return refuse(exchange, refusal, now, started);
    }

    /** Called by the limiter when it refuses a request that carried credentials. */
    void remember(ServerWebExchange exchange, RateLimitDecision decision, UUID tenant, int perMinute,
            Counter rejected, String user, Instant tokenExpiresAt) {
        String key = exchange.getAttribute(KEY_ATTRIBUTE);
        if (key == null || tokenExpiresAt == null || decision.allowed()) {
            return;
        }
        long now = nanoClock.getAsLong();
        refusals.put(key, new Refusal(tenant, perMinute, decision.limit(), now + decision.retryAfterMillis() * 1_000_000,
                now + decision.resetSeconds() * 1_000_000_000, rejected, user, tokenExpiresAt));
    }

    private boolean stillRefused(Refusal refusal, long now) {
        if (now - refusal.untilNanos() >= 0 || !clock.instant().isBefore(refusal.tokenExpiresAt())) {
            return false;
        }
        Optional<TenantEntry> tenant = directory.byId(refusal.tenant());
        return tenant.isPresent() && tenant.get().active()
                && (tenant.get().requestsPerMinute() <= 0 || tenant.get().requestsPerMinute() == refusal.perMinute());
    }

    private Mono<Void> refuse(ServerWebExchange exchange, Refusal refusal, long now, long started) {
        long retryAfterSeconds = Math.max(1, ceilSeconds(refusal.untilNanos() - now));
        HttpHeaders headers = exchange.getResponse().getHeaders();
        headers.set("X-RateLimit-Limit", Long.toString(refusal.limit()));
        headers.set("X-RateLimit-Remaining", "0");
        headers.set("X-RateLimit-Reset", Long.toString(Math.max(retryAfterSeconds, ceilSeconds(refusal.fullAtNanos() - now))));
        headers.setCacheControl("no-cache, no-store, max-age=0, must-revalidate");
        headers.set("X-Content-Type-Options", "nosniff");
        exchange.getAttributes().put(TenantContextWebFilter.TENANT_ATTRIBUTE, refusal.tenant());
        refusal.rejected().increment();
        Problem problem = Problem.of(new TooManyRequestsException(RateLimitFilter.REFUSAL_DETAIL,
                Duration.ofSeconds(retryAfterSeconds)));
        return problems.write(exchange, problem)
                .doFinally(signal -> AccessLog.write(exchange, refusal.user(), started, 429));
    }

    private String keyOf(ServerHttpRequest request) {
        HttpHeaders headers = request.getHeaders();
        String authorization = headers.getFirst(HttpHeaders.AUTHORIZATION);
        if (authorization == null || headers.getOrEmpty(HttpHeaders.AUTHORIZATION).size() > 1) {
            return null;
        }
        String host = String.valueOf(headers.getFirst(HttpHeaders.HOST));
        List<String> tenantHeader = headers.getOrDefault("X-Tenant-ID", NO_TENANT_HEADER);
        return kinds.of(request) + '\n' + host + '\n' + String.join("\n", tenantHeader) + '\n' + authorization;
    }

    private static long ceilSeconds(long nanos) {
        return nanos <= 0 ? 0 : (nanos + 999_999_999) / 1_000_000_000;
    }

    long size() {
        refusals.cleanUp();
        return refusals.estimatedSize();
    }

    private record Refusal(UUID tenant, int perMinute, long limit, long untilNanos, long fullAtNanos,
            Counter rejected, String user, Instant tokenExpiresAt) {
    }
}
