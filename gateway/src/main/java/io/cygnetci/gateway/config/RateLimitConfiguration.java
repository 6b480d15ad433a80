package io.cygnetci.gateway.config;

import java.time.Duration;

import io.cygnetci.gateway.ratelimit.FallbackTokenBuckets;
import io.cygnetci.gateway.ratelimit.InMemoryTokenBuckets;
import io.cygnetci.gateway.ratelimit.RateLimitFilter;
import io.cygnetci.gateway.ratelimit.RedisTokenBuckets;
import io.cygnetci.gateway.ratelimit.TokenBuckets;
import io.cygnetci.gateway.usage.ApiRequestCounter;
import io.cygnetci.platform.metrics.TenantTagPolicy;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;

/** Redis-backed buckets when {@code cygnetci.gateway.rate-limit.store=redis}, in memory otherwise. */
@Configuration(proxyBeanMethods = false)
class RateLimitConfiguration {

    @Bean
    TokenBuckets tokenBuckets(GatewayProperties properties, ObjectProvider<ReactiveStringRedisTemplate> redis,
            MeterRegistry meters, org.springframework.core.env.Environment environment) {
        InMemoryTokenBuckets local = new InMemoryTokenBuckets();
        if (!"redis".equalsIgnoreCase(environment.getProperty("cygnetci.gateway.rate-limit.store", "memory"))) {
            return local;
        }
        return new FallbackTokenBuckets(new RedisTokenBuckets(redis.getObject()), local,
                Duration.ofMillis(properties.rateLimit().redisTimeoutMillis()), meters);
    }

    @Bean
    @Profile(BenchmarkBaseline.NOT_BASELINE)
    RateLimitFilter rateLimitFilter(TokenBuckets buckets, GatewayProperties properties, TenantTagPolicy tags,
            MeterRegistry meters, ObjectProvider<ApiRequestCounter> apiRequests) {
        return new RateLimitFilter(buckets, properties, tags, meters, apiRequests.getIfAvailable());
    }
}
