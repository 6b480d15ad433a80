package io.cygnetci.agent.registration;

import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.cygnetci.agent.config.AgentProperties;
import io.cygnetci.platform.security.ClaimNames;
import io.cygnetci.platform.security.Roles;
import io.cygnetci.platform.security.config.CygnetSecurityProperties;

import org.springframework.stereotype.Component;

/**
 * Signs agent credentials: RS256 JWTs bound to one tenant ({@code tid}) and one agent ({@code sub}), with the
 * role {@code agent}. The {@code jti} is the credential id; only the latest one of an agent is accepted, so
 * registering again revokes the previous credential. The gateway verifies them like users' tokens (this
 * service's JWKS is a trusted issuer), which lets it resolve the tenant and rate-limit runner traffic per tenant.
 */
@Component
public class AgentCredentials {

    public record Issued(String token, UUID credentialId, Instant expiresAt) {
    }

    private final RSAKey key;
    private final RSASSASigner signer;
    private final AgentProperties.Credentials properties;
    private final ClaimNames claims;
    private final Clock clock;

    /** Credentials are stamped with real time, as the verifiers check them with it (not the liveness clock). */
    public AgentCredentials(RSAKey agentCredentialKey, AgentProperties properties,
            CygnetSecurityProperties security) throws JOSEException {
        this.key = agentCredentialKey;
        this.signer = new RSASSASigner(agentCredentialKey);
        this.properties = properties.credentials();
        this.claims = security.claims();
        this.clock = Clock.systemUTC();
    }

    public Issued issue(UUID tenantId, UUID agentId) {
        UUID credentialId = UUID.randomUUID();
        Instant now = clock.instant();
        Instant expiresAt = now.plus(properties.lifetime());
        JWTClaimsSet claimsSet = new JWTClaimsSet.Builder()
                .issuer(properties.issuer())
                .subject(agentId.toString())
                .claim(claims.userId(), agentId.toString())
                .claim(claims.tenantId(), tenantId.toString())
                .claim(claims.roles(), List.of(Roles.AGENT))
                .claim(claims.scope(), "agent")
                .jwtID(credentialId.toString())
                .issueTime(Date.from(now))
                .notBeforeTime(Date.from(now))
                .expirationTime(Date.from(expiresAt))
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID())
                .type(JOSEObjectType.JWT).build(), claimsSet);
        try {
            jwt.sign(signer);
        }
        catch (JOSEException ex) {
            throw new IllegalStateException("Cannot sign an agent credential", ex);
        }
        return new Issued(jwt.serialize(), credentialId, expiresAt);
    }

    /** The public half of the signing key, for the gateway. */
    public Map<String, Object> jwks() {
        return new JWKSet(key.toPublicJWK()).toJSONObject();
    }
}
