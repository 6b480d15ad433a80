package io.cygnetci.tenant.config;

import com.nimbusds.jose.jwk.RSAKey;
import io.cygnetci.platform.security.signing.SigningKeys;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;

/**
 * The RS256 key tokens are signed with (see {@code SigningKeys}: PEM text, a PEM file, a PKCS#12 keystore, or
 * generated for local use). tenant-service validates incoming tokens with the same key's public half; other
 * services use the JWKS.
 */
@Configuration(proxyBeanMethods = false)
public class SigningKeyConfiguration {

    @Bean
    RSAKey signingKey(AuthProperties properties) {
        return SigningKeys.load(properties.signingKey(), "token signing key", "cygnetci.auth.signing-key");
    }

    @Bean
    ReactiveJwtDecoder jwtDecoder(RSAKey signingKey, AuthProperties properties) throws Exception {
        NimbusReactiveJwtDecoder decoder = NimbusReactiveJwtDecoder.withPublicKey(signingKey.toRSAPublicKey())
                .signatureAlgorithm(SignatureAlgorithm.RS256).build();
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(
                JwtValidators.createDefaultWithIssuer(properties.issuer())));
        return decoder;
    }
}
