package io.cygnetci.platform.security.config;

import java.util.List;

import io.cygnetci.platform.security.ClaimNames;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Security settings shared by every service.
 *
 * @param claims JWT claim names
 * @param publicPaths path patterns answered without a token (actuator health, info and prometheus always are)
 * @param tokenCacheSize how many verified tokens to keep until they expire (0: verify every request); read by
 *        {@code JwtDecoderCachingPostProcessor} straight from the environment
 * @param trustedIssuers further issuers to accept (e.g. agent-service for agent credentials), each with its JWKS
 */
@ConfigurationProperties("cygnetci.security")
public record CygnetSecurityProperties(ClaimNames claims, List<String> publicPaths, Long tokenCacheSize,
        List<TrustedIssuer> trustedIssuers) {

    public CygnetSecurityProperties {
        trustedIssuers = trustedIssuers == null ? List.of() : List.copyOf(trustedIssuers);
        tokenCacheSize = tokenCacheSize == null ? SecurityAutoConfiguration.DEFAULT_TOKEN_CACHE_SIZE : tokenCacheSize;
        claims = claims == null ? ClaimNames.defaults() : claims;
        publicPaths = publicPaths == null ? List.of() : List.copyOf(publicPaths);
    }
}
