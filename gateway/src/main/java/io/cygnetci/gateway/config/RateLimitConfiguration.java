package io.cygnetci.gateway.config;

import java.time.Clock;
import java.time.Duration;

import io.cygnetci.gateway.ratelimit.BucketKinds;
import io.cygnetci.gateway.ratelimit.FallbackTokenBuckets;
import io.cygnetci.gateway.ratelimit.InMemoryTokenBuckets;
import io.cygnetci.gateway.ratelimit.OverLimitShortcut;
import io.cygnetci.gateway.ratelimit.RateLimitFilter;
import io.cygnetci.gateway.ratelimit.RedisTokenBuckets;
import io.cygnetci.gateway.ratelimit.TokenBuckets;
import io.cygnetci.gateway.tenant.TenantDirectory;
import io.cygnetci.gateway.usage.ApiRequestCounter;
import io.cygnetci.platform.metrics.TenantTagPolicy;
import io.cygnetci.platform.problem.web.ProblemResponseWriter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.web.cors.reactive.CorsConfigurationSource;

/** Redis-backed buckets when {@code cygnetci.gateway.rate-limit.store=redis}, in memory otherwise. */
@Configuration(proxyBeanMethods = false)
class RateLimitConfiguration {

    /** Credentials refused recently, each kept until its bucket's next token is due (a few bytes each). */
    private static final long REMEMBERED_REFUSALS = 10_000;

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
    BucketKinds bucketKinds(GatewayProperties properties) {
        return new BucketKinds(properties.rateLimit().runnerPaths());
    }

    @Bean
    @Profile(BenchmarkBaseline.NOT_BASELINE)
    OverLimitShortcut overLimitShortcut(TenantDirectory directory, BucketKinds kinds, CorsConfigurationSource cors,
            ProblemResponseWriter problems, ObjectProvider<Clock> clock) {
        return new OverLimitShortcut(directory, kinds, cors, problems, clock.getIfAvailable(Clock::systemUTC),
                REMEMBERED_REFUSALS);
    }

    @Bean
    @Profile(BenchmarkBaseline.NOT_BASELINE)
    RateLimitFilter rateLimitFilter(TokenBuckets buckets, GatewayProperties properties, BucketKinds kinds,
            TenantTagPolicy tags, MeterRegistry meters, ObjectProvider<ApiRequestCounter> apiRequests,
            OverLimitShortcut shortcut) {
        return new RateLimitFilter(buckets, properties, kinds, tags, meters, apiRequests.getIfAvailable(), shortcut);
    }
}
