package io.cygnetci.gateway.ratelimit;

import java.util.List;

import reactor.core.publisher.Mono;

import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * Token buckets in Redis, shared by every gateway replica: one atomic script per request (refill, take, expire),
 * timed by the Redis server's clock so replicas' clocks do not matter.
 */
public class RedisTokenBuckets implements TokenBuckets {

    private static final RedisScript<List> TAKE = RedisScript.of("""
            local capacity = tonumber(ARGV[1])
            local t = redis.call('TIME')
            local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
            local perMs = capacity / 60000
            local state = redis.call('HMGET', KEYS[1], 'tokens', 'at')
            local tokens = tonumber(state[1])
            local at = tonumber(state[2])
            if tokens == nil then tokens = capacity; at = now end
            tokens = math.min(capacity, tokens + math.max(0, now - at) * perMs)
            local allowed = 0
            if tokens >= 1 then tokens = tokens - 1; allowed = 1 end
            redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', tostring(now))
            redis.call('PEXPIRE', KEYS[1], 120000)
            local reset = math.ceil((capacity - tokens) / perMs / 1000)
            local retryMs = 0
            if allowed == 0 then retryMs = math.ceil((1 - tokens) / perMs) end
            local retry = 0
            if allowed == 0 then retry = math.max(1, math.ceil(retryMs / 1000)) end
            return {allowed, math.floor(tokens), reset, retry, retryMs}
            """, List.class);

    private final ReactiveStringRedisTemplate redis;

    public RedisTokenBuckets(ReactiveStringRedisTemplate redis) {
        this.redis = redis;
    }

    @Override
    public Mono<RateLimitDecision> take(String key, int perMinute) {
        return redis.execute(TAKE, List.of("cygnetci:rl:" + key), List.of(Integer.toString(perMinute)))
                .next()
                .map(result -> new RateLimitDecision(number(result, 0) == 1, perMinute, number(result, 1),
                        number(result, 2), number(result, 3), number(result, 4)));
    }

    private static long number(List<?> values, int index) {
        return ((Number) values.get(index)).longValue();
    }
}
