package io.cygnetci.platform.test.jwt;

import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;

/**
 * Mints JWTs shaped like the platform's (DESIGN.md §2), signed with {@link TestKeys}: valid ones and each kind a
 * service must refuse (expired, wrong signature, {@code alg: none}, another issuer).
 */
public final class TestJwts {

    private final String issuer;

    public TestJwts(String issuer) {
        this.issuer = issuer;
    }

    public Builder user(UUID userId) {
        return new Builder(issuer, userId);
    }

    public static final class Builder {

        private String issuer;
        private final UUID userId;
        private String email = "user@example.test";
        private UUID tenantId;
        private List<String> roles = List.of();
        private Instant issuedAt = Instant.now();
        private Duration lifetime = Duration.ofMinutes(15);
        private KeyPair key = TestKeys.trusted();
        private UUID jwtId = UUID.randomUUID();

        private Builder(String issuer, UUID userId) {
            this.issuer = issuer;
            this.userId = userId;
        }

        public Builder email(String email) {
            this.email = email;
            return this;
        }

        public Builder tenant(UUID tenantId) {
            this.tenantId = tenantId;
            return this;
        }

        public Builder roles(String... roles) {
            this.roles = List.of(roles);
            return this;
        }

        public Builder issuer(String issuer) {
            this.issuer = issuer;
            return this;
        }

        /** The token's {@code jti} (random unless set): an agent credential's id. */
        public Builder jwtId(UUID jwtId) {
            this.jwtId = jwtId;
            return this;
        }

        public Builder expired() {
            this.issuedAt = Instant.now().minus(Duration.ofHours(2));
            this.lifetime = Duration.ofMinutes(5);
            return this;
        }

        public Builder signedWithUntrustedKey() {
            this.key = TestKeys.untrusted();
            return this;
        }

        private JWTClaimsSet claims() {
            JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                    .issuer(issuer)
                    .subject(userId.toString())
                    .claim("email", email)
                    .claim("roles", roles)
                    .claim("scope", "api")
                    .jwtID(jwtId.toString())
                    .issueTime(Date.from(issuedAt))
                    .notBeforeTime(Date.from(issuedAt))
                    .expirationTime(Date.from(issuedAt.plus(lifetime)));
            if (tenantId != null) {
                claims.claim("tid", tenantId.toString());
            }
            return claims.build();
        }

        public String sign() {
            try {
                SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(TestKeys.KEY_ID).build(),
                        claims());
                jwt.sign(new RSASSASigner(key.getPrivate()));
                return jwt.serialize();
            }
            catch (JOSEException ex) {
                throw new IllegalStateException(ex);
            }
        }

        /** The same claims with {@code alg: none} and no signature. */
        public String unsigned() {
            return new PlainJWT(claims()).serialize();
        }
    }
}
