package io.cygnetci.platform.security.config;

import java.util.List;

import io.cygnetci.platform.security.ClaimNames;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Security settings shared by every service.
 *
 * @param claims JWT claim names
 * @param publicPaths path patterns answered without a token (actuator health, info and prometheus always are)
 */
@ConfigurationProperties("cygnetci.security")
public record CygnetSecurityProperties(ClaimNames claims, List<String> publicPaths) {

    public CygnetSecurityProperties {
        claims = claims == null ? ClaimNames.defaults() : claims;
        publicPaths = publicPaths == null ? List.of() : List.copyOf(publicPaths);
    }
}
