package io.cygnetci.gateway.ratelimit;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * Redis first; when Redis fails or is slow, this replica's own buckets (never unlimited). The switch is logged
 * once per outage and counted in {@code cygnetci.gateway.ratelimit.redis.fallback}.
 */
public class FallbackTokenBuckets implements TokenBuckets {

    private static final Logger log = LoggerFactory.getLogger(FallbackTokenBuckets.class);

    private final TokenBuckets primary;
    private final TokenBuckets fallback;
    private final Duration timeout;
    private final Counter fallbacks;
    private final AtomicBoolean degraded = new AtomicBoolean();

    public FallbackTokenBuckets(TokenBuckets primary, TokenBuckets fallback, Duration timeout, MeterRegistry meters) {
        this.primary = primary;
        this.fallback = fallback;
        this.timeout = timeout;
        this.fallbacks = Counter.builder("cygnetci.gateway.ratelimit.redis.fallback")
                .description("Rate-limit decisions taken locally because Redis failed").register(meters);
    }

    @Override
    public Mono<RateLimitDecision> take(String key, int perMinute) {
        return primary.take(key, perMinute)
                .timeout(timeout)
                .doOnNext(decision -> {
                    if (degraded.compareAndSet(true, false)) {
                        log.info("Redis is back: rate limits are shared again");
                    }
                })
                .onErrorResume(error -> {
                    fallbacks.increment();
                    if (degraded.compareAndSet(false, true)) {
                        log.warn("Redis failed ({}): rate limits fall back to this replica's buckets", error.toString());
                    }
                    return fallback.take(key, perMinute);
                });
    }
}
