package io.cygnetci.platform.security.signing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;

import com.nimbusds.jose.jwk.RSAKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.core.io.Resource;

/** Loads the RS256 key a service signs its tokens with: PEM text, a PEM file, a PKCS#12 keystore, or generated. */
public final class SigningKeys {

    private static final Logger log = LoggerFactory.getLogger(SigningKeys.class);

    private SigningKeys() {
    }

    /**
     * @param what names the key in messages, e.g. "token signing key"
     * @param setting the configuration property prefix to name in the error when nothing is configured
     */
    public static RSAKey load(SigningKeySettings config, String what, String setting) {
        String keyId = config.keyId() == null || config.keyId().isBlank() ? "cygnetci-1" : config.keyId();
        try {
            if (config.privateKey() != null && !config.privateKey().isBlank()) {
                return fromPrivateKey(parsePem(config.privateKey()), keyId);
            }
            if (config.location() != null && !config.location().isBlank()) {
                if (config.generate() && isMissingPemFile(config.location())) {
                    return generateInto(Path.of(config.location()), keyId, what);
                }
                return fromLocation(config, keyId);
            }
            if (config.generate()) {
                log.warn("Generating a throw-away {}: what it signed will not survive a restart", what);
                KeyPair pair = newKeyPair();
                return new RSAKey.Builder((RSAPublicKey) pair.getPublic()).privateKey(pair.getPrivate()).keyID(keyId)
                        .build();
            }
        }
        catch (IOException | GeneralSecurityException ex) {
            throw new IllegalStateException("Cannot load the " + what + ": " + ex.getMessage(), ex);
        }
        throw new IllegalStateException("No " + what + ": set " + setting + ".private-key or " + setting + ".location");
    }

    private static boolean isMissingPemFile(String location) {
        return !location.contains(":") && !location.endsWith(".p12") && !location.endsWith(".pfx")
                && !Files.exists(Path.of(location));
    }

    private static RSAKey generateInto(Path file, String keyId, String what) throws IOException,
            GeneralSecurityException {
        KeyPair pair = newKeyPair();
        String pem = "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(pair.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
        if (file.getParent() != null) {
            Files.createDirectories(file.getParent());
        }
        Files.writeString(file, pem, StandardCharsets.US_ASCII);
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        }
        catch (UnsupportedOperationException ex) {
            log.debug("No POSIX permissions on this file system for {}", file);
        }
        log.warn("Generated a new {} in {} (local use only)", what, file);
        return new RSAKey.Builder((RSAPublicKey) pair.getPublic()).privateKey(pair.getPrivate()).keyID(keyId).build();
    }

    private static KeyPair newKeyPair() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return generator.generateKeyPair();
    }

    private static RSAKey fromLocation(SigningKeySettings config, String keyId) throws IOException,
            GeneralSecurityException {
        String location = config.location().contains(":") ? config.location() : "file:" + config.location();
        Resource resource = new DefaultResourceLoader().getResource(location);
        String name = resource.getFilename() == null ? "" : resource.getFilename().toLowerCase();
        if (name.endsWith(".p12") || name.endsWith(".pfx")) {
            return fromKeystore(resource, config, keyId);
        }
        try (InputStream in = resource.getInputStream()) {
            return fromPrivateKey(parsePem(new String(in.readAllBytes(), StandardCharsets.US_ASCII)), keyId);
        }
    }

    private static RSAKey fromKeystore(Resource resource, SigningKeySettings config, String keyId)
            throws IOException, GeneralSecurityException {
        char[] password = config.keystorePassword() == null ? new char[0] : config.keystorePassword().toCharArray();
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = resource.getInputStream()) {
            store.load(in, password);
        }
        String alias = config.keystoreAlias() == null || config.keystoreAlias().isBlank()
                ? store.aliases().nextElement() : config.keystoreAlias();
        PrivateKey key = (PrivateKey) store.getKey(alias, password);
        Certificate certificate = store.getCertificate(alias);
        return new RSAKey.Builder((RSAPublicKey) certificate.getPublicKey()).privateKey(key).keyID(keyId).build();
    }

    private static PrivateKey parsePem(String pem) throws GeneralSecurityException {
        String base64 = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
    }

    private static RSAKey fromPrivateKey(PrivateKey key, String keyId) throws GeneralSecurityException {
        if (!(key instanceof RSAPrivateCrtKey crt)) {
            throw new IllegalStateException("The signing key must be an RSA private key in PKCS#8 form");
        }
        RSAPublicKey publicKey = (RSAPublicKey) KeyFactory.getInstance("RSA")
                .generatePublic(new RSAPublicKeySpec(crt.getModulus(), crt.getPublicExponent()));
        return new RSAKey.Builder(publicKey).privateKey(key).keyID(keyId).build();
    }
}
