package io.cygnetci.tenant.config;

import java.time.Duration;

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
public record AuthProperties(String issuer, Duration tokenLifetime, SigningKey signingKey, LoginThrottle loginThrottle) {

    public AuthProperties {
        tokenLifetime = tokenLifetime == null ? Duration.ofHours(1) : tokenLifetime;
        signingKey = signingKey == null ? new SigningKey(null, null, null, null, null, false) : signingKey;
        loginThrottle = loginThrottle == null ? new LoginThrottle(5, Duration.ofMinutes(15)) : loginThrottle;
    }

    /**
     * @param keyId the {@code kid} published in the JWKS
     * @param privateKey a PKCS#8 PEM private key, inline
     * @param location a PEM file or a PKCS#12 keystore ({@code .p12}/{@code .pfx})
     * @param generate make a key at start (the local profile only: tokens die with the process)
     */
    public record SigningKey(String keyId, String privateKey, String location, String keystorePassword,
            String keystoreAlias, boolean generate) {
    }

    public record LoginThrottle(int maxFailures, Duration window) {
    }
}
