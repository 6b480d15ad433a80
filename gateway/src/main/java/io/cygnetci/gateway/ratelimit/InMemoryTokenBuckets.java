package io.cygnetci.gateway.ratelimit;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

import reactor.core.publisher.Mono;

/** Token buckets in this process: the embedded default, and the fallback while Redis is unreachable. */
public class InMemoryTokenBuckets implements TokenBuckets {

    private static final int MAX_KEYS = 200_000;

    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final LongSupplier nanoClock;

    public InMemoryTokenBuckets() {
        this(System::nanoTime);
    }

    InMemoryTokenBuckets(LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
    }

    @Override
    public Mono<RateLimitDecision> take(String key, int perMinute) {
        return Mono.just(takeNow(key, perMinute));
    }

    RateLimitDecision takeNow(String key, int perMinute) {
        if (buckets.size() > MAX_KEYS) {
            buckets.clear();
        }
        Bucket bucket = buckets.computeIfAbsent(key, k -> new Bucket(perMinute, nanoClock.getAsLong()));
        synchronized (bucket) {
            return bucket.take(perMinute, nanoClock.getAsLong());
        }
    }

    private static final class Bucket {

        private double tokens;
        private long updatedAt;

        Bucket(int capacity, long now) {
            this.tokens = capacity;
            this.updatedAt = now;
        }

        RateLimitDecision take(int capacity, long now) {
            double perNano = capacity / 60_000_000_000d;
            tokens = Math.min(capacity, tokens + (now - updatedAt) * perNano);
            updatedAt = now;
            boolean allowed = tokens >= 1;
            if (allowed) {
                tokens -= 1;
            }
            long reset = (long) Math.ceil((capacity - tokens) / perNano / 1_000_000_000d);
            long retryMillis = allowed ? 0 : (long) Math.ceil((1 - tokens) / perNano / 1_000_000d);
            long retry = allowed ? 0 : Math.max(1, (retryMillis + 999) / 1000);
            return new RateLimitDecision(allowed, capacity, (long) Math.floor(tokens), reset, retry, retryMillis);
        }
    }
}
