package io.cygnetci.system.attack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;

/**
 * Tokens an attacker makes from a real one of their own, each naming the victim's tenant: expired (signed with the
 * platform's real key, as a stolen old token would be), tampered (the claims changed under the original
 * signature), {@code alg: none}, and signed by a key of the attacker's own under the platform's key id.
 */
final class ForgedTokens {

    private final SignedJWT real;
    private final String tenantId;

    ForgedTokens(String realToken, String tenantId) {
        try {
            this.real = SignedJWT.parse(realToken);
        }
        catch (ParseException ex) {
            throw new IllegalArgumentException(ex);
        }
        this.tenantId = tenantId;
    }

    String expired(Path platformKey) {
        Instant issued = Instant.now().minus(Duration.ofHours(3));
        JWTClaimsSet claims = new JWTClaimsSet.Builder(victimClaims()).issueTime(Date.from(issued))
                .notBeforeTime(Date.from(issued)).expirationTime(Date.from(issued.plus(Duration.ofHours(1)))).build();
        return sign(claims, readKey(platformKey));
    }

    String tampered() {
        Base64URL payload = Base64URL.encode(victimClaims().toString().getBytes(StandardCharsets.UTF_8));
        String[] parts = real.serialize().split("\\.");
        return parts[0] + "." + payload + "." + parts[2];
    }

    String unsigned() {
        return new PlainJWT(victimClaims()).serialize();
    }

    String signedByAnotherKey() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return sign(victimClaims(), generator.generateKeyPair().getPrivate());
        }
        catch (java.security.GeneralSecurityException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private JWTClaimsSet victimClaims() {
        try {
            return new JWTClaimsSet.Builder(real.getJWTClaimsSet()).claim("tid", tenantId).build();
        }
        catch (ParseException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private String sign(JWTClaimsSet claims, PrivateKey key) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256)
                    .keyID(real.getHeader().getKeyID()).build(), claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        }
        catch (JOSEException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private static PrivateKey readKey(Path pem) {
        try {
            String base64 = Files.readString(pem).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
            return KeyFactory.getInstance("RSA")
                    .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        catch (java.security.GeneralSecurityException ex) {
            throw new IllegalStateException(ex);
        }
    }
}
