package io.cygnetci.agent.token.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Registration token secrets: {@code cygreg_} and 256 random bits. The secrets are high-entropy, so a plain
 * SHA-256 is a safe way to store and look them up (a slow password hash buys nothing here).
 */
public final class TokenSecrets {

    public static final String PREFIX = "cygreg_";
    private static final SecureRandom RANDOM = new SecureRandom();

    private TokenSecrets() {
    }

    public static String newSecret() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** What lists show to recognise a token: the prefix and the first characters. */
    public static String displayPrefix(String secret) {
        return secret.substring(0, PREFIX.length() + 6);
    }

    public static byte[] hash(String secret) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
    }
}
