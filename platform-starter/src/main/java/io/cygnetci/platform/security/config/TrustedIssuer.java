package io.cygnetci.platform.security.config;

/**
 * An issuer whose tokens a service accepts besides the one in {@code spring.security.oauth2.resourceserver.jwt}.
 *
 * @param issuer the exact {@code iss} value
 * @param jwkSetUri where its public keys are published
 */
public record TrustedIssuer(String issuer, String jwkSetUri) {
}
