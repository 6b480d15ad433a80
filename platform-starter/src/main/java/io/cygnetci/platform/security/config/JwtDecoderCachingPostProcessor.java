package io.cygnetci.platform.security.config;

import java.time.Clock;

import io.cygnetci.platform.security.CachingReactiveJwtDecoder;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;

/**
 * Wraps the application's {@link ReactiveJwtDecoder} (Boot's, or one the service defines) in a
 * {@link CachingReactiveJwtDecoder} of {@code cygnetci.security.token-cache-size} entries; 0 turns the cache off.
 */
class JwtDecoderCachingPostProcessor implements BeanPostProcessor {

    private final long maxEntries;

    JwtDecoderCachingPostProcessor(long maxEntries) {
        this.maxEntries = maxEntries;
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (maxEntries > 0 && bean instanceof ReactiveJwtDecoder decoder
                && !(bean instanceof CachingReactiveJwtDecoder)) {
            return new CachingReactiveJwtDecoder(decoder, maxEntries, Clock.systemUTC());
        }
        return bean;
    }
}
