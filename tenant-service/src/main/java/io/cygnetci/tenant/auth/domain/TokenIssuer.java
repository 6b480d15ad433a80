package io.cygnetci.tenant.auth.domain;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.cygnetci.platform.security.ClaimNames;
import io.cygnetci.platform.security.Roles;
import io.cygnetci.platform.security.config.CygnetSecurityProperties;
import io.cygnetci.tenant.config.AuthProperties;
import io.cygnetci.tenant.membership.domain.UserTenant;
import io.cygnetci.tenant.user.domain.User;

import org.springframework.stereotype.Component;

/**
 * Signs RS256 access tokens scoped to one tenant (DESIGN.md §2): {@code sub}, {@code email}, {@code tid},
 * {@code tenant_slug}, {@code roles} (the role in that tenant, plus {@code platform_admin} for operators),
 * {@code scope}.
 */
@Component
public class TokenIssuer {

    private final RSAKey key;
    private final RSASSASigner signer;
    private final AuthProperties properties;
    private final ClaimNames claimNames;
    private final Clock clock;

    public TokenIssuer(RSAKey signingKey, AuthProperties properties, CygnetSecurityProperties security)
            throws JOSEException {
        this.key = signingKey;
        this.signer = new RSASSASigner(signingKey);
        this.properties = properties;
        this.claimNames = security.claims();
        this.clock = Clock.systemUTC();
    }

    /** @param tenant the tenant the token is for; {@code null} only for a platform admin without memberships */
    public IssuedToken issue(User user, UserTenant tenant) {
        Instant now = clock.instant();
        Instant expiresAt = now.plus(properties.tokenLifetime());
        List<String> roles = new ArrayList<>();
        if (tenant != null) {
            roles.add(tenant.role());
        }
        if (user.platformAdmin()) {
            roles.add(Roles.PLATFORM_ADMIN);
        }
        // the claim names the platform reads (cygnetci.security.claims.*), so the issuer and readers agree
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(properties.issuer())
                .subject(user.id().toString())
                .claim(claimNames.userId(), user.id().toString())
                .claim(claimNames.email(), user.email())
                .claim(claimNames.roles(), roles)
                .claim(claimNames.scope(), "api")
                .jwtID(UUID.randomUUID().toString())
                .issueTime(Date.from(now))
                .notBeforeTime(Date.from(now))
                .expirationTime(Date.from(expiresAt));
        if (tenant != null) {
            claims.claim(claimNames.tenantId(), tenant.tenantId().toString()).claim("tenant_slug", tenant.slug());
        }
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID())
                .type(JOSEObjectType.JWT).build(), claims.build());
        try {
            jwt.sign(signer);
        }
        catch (JOSEException ex) {
            throw new IllegalStateException("Cannot sign a token", ex);
        }
        return new IssuedToken(jwt.serialize(), expiresAt, tenant == null ? null : tenant.tenantId(),
                tenant == null ? null : tenant.slug(), List.copyOf(roles));
    }

    /** The public half of the signing key, as a JWKS. */
    public java.util.Map<String, Object> jwks() {
        return new JWKSet(key.toPublicJWK()).toJSONObject();
    }
}
