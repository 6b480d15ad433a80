package io.cygnetci.platform.test.jwt;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Base64;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;

/** RSA key pairs for tests, made once per JVM: the platform's test signing key and an untrusted one. */
public final class TestKeys {

    public static final String KEY_ID = "test-key";

    private static final KeyPair TRUSTED = generate();
    private static final KeyPair UNTRUSTED = generate();

    private TestKeys() {
    }

    public static KeyPair trusted() {
        return TRUSTED;
    }

    /** A key no service trusts, for wrong-signature tests. */
    public static KeyPair untrusted() {
        return UNTRUSTED;
    }

    public static RSAKey trustedJwk() {
        return new RSAKey.Builder((RSAPublicKey) TRUSTED.getPublic()).privateKey((RSAPrivateKey) TRUSTED.getPrivate())
                .keyID(KEY_ID).build();
    }

    public static String jwksJson() {
        return new JWKSet(trustedJwk().toPublicJWK()).toString();
    }

    /** The trusted private key as PKCS#8 PEM, as services read signing keys from configuration. */
    public static String trustedPrivateKeyPem() {
        return pem("PRIVATE KEY", TRUSTED.getPrivate().getEncoded());
    }

    public static String trustedPublicKeyPem() {
        return pem("PUBLIC KEY", TRUSTED.getPublic().getEncoded());
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private static KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
    }
}
