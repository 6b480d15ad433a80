package io.cygnetci.tenant.config;

import java.time.Duration;

import io.cygnetci.platform.security.signing.SigningKeySettings;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The built-in token issuer.
 *
 * @param issuer the {@code iss} of every token, also the only issuer this service accepts
 * @param tokenLifetime how long an access token is valid
 * @param signingKey the RS256 signing key
 * @param loginThrottle failed-login throttling per email and client address
 */
@ConfigurationProperties("cygnetci.auth")
public record AuthProperties(String issuer, Duration tokenLifetime, SigningKeySettings signingKey,
        LoginThrottle loginThrottle) {

    public AuthProperties {
        tokenLifetime = tokenLifetime == null ? Duration.ofHours(1) : tokenLifetime;
        signingKey = signingKey == null ? SigningKeySettings.none() : signingKey;
        loginThrottle = loginThrottle == null ? new LoginThrottle(5, Duration.ofMinutes(15)) : loginThrottle;
    }

    public record LoginThrottle(int maxFailures, Duration window) {
    }
}
