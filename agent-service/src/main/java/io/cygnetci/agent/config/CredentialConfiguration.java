package io.cygnetci.agent.config;

import java.util.Map;

import com.nimbusds.jose.jwk.RSAKey;
import io.cygnetci.platform.security.IssuerRoutingReactiveJwtDecoder;
import io.cygnetci.platform.security.config.SecurityAutoConfiguration;
import io.cygnetci.platform.security.signing.SigningKeys;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;

/**
 * agent-service accepts two kinds of bearer tokens: users' tokens from tenant-service (checked against its JWKS)
 * and the agent credentials it signs itself (checked against its own key, no network).
 */
@Configuration(proxyBeanMethods = false)
public class CredentialConfiguration {

    @Bean
    RSAKey agentCredentialKey(AgentProperties properties) {
        return SigningKeys.load(properties.credentials().signingKey(), "agent credential signing key",
                "cygnetci.agents.credentials.signing-key");
    }

    @Bean
    ReactiveJwtDecoder jwtDecoder(RSAKey agentCredentialKey, AgentProperties properties,
            @Value("${spring.security.oauth2.resourceserver.jwt.issuer-uri}") String userIssuer,
            @Value("${spring.security.oauth2.resourceserver.jwt.jwk-set-uri}") String userJwks) throws Exception {
        NimbusReactiveJwtDecoder agents = NimbusReactiveJwtDecoder.withPublicKey(agentCredentialKey.toRSAPublicKey())
                .signatureAlgorithm(SignatureAlgorithm.RS256).build();
        agents.setJwtValidator(JwtValidators.createDefaultWithIssuer(properties.credentials().issuer()));
        return new IssuerRoutingReactiveJwtDecoder(Map.of(
                userIssuer, SecurityAutoConfiguration.jwksDecoder(userIssuer, userJwks),
                properties.credentials().issuer(), agents));
    }
}
