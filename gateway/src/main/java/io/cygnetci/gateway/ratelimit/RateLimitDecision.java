package io.cygnetci.gateway.ratelimit;

/**
 * The answer of a token bucket: whether the request may pass, what is left, and when the bucket is full again.
 *
 * @param resetSeconds seconds until the bucket is full again (the {@code X-RateLimit-Reset} value)
 * @param retryAfterSeconds seconds until one token is available (for {@code Retry-After} on 429)
 * @param retryAfterMillis the same in milliseconds: until then every request of this bucket is refused
 */
public record RateLimitDecision(boolean allowed, long limit, long remaining, long resetSeconds,
        long retryAfterSeconds, long retryAfterMillis) {
}
