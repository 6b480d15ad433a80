package io.cygnetci.gateway.ratelimit;

import reactor.core.publisher.Mono;

/** Token buckets by key; a bucket holds {@code perMinute} tokens and refills continuously at that rate. */
public interface TokenBuckets {

    Mono<RateLimitDecision> take(String key, int perMinute);
}
