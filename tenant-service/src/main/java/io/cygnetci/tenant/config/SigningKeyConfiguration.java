package io.cygnetci.tenant.config;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
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

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.core.io.Resource;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;

/**
 * The RS256 key tokens are signed with: from configuration (PEM text, a PEM file or a PKCS#12 keystore), or
 * generated at start when {@code cygnetci.auth.signing-key.generate} is set (the local profile). tenant-service
 * validates incoming tokens with the same key's public half; other services use the JWKS.
 */
@Configuration(proxyBeanMethods = false)
public class SigningKeyConfiguration {

    private static final Logger log = LoggerFactory.getLogger(SigningKeyConfiguration.class);

    @Bean
    RSAKey signingKey(AuthProperties properties) throws Exception {
        AuthProperties.SigningKey config = properties.signingKey();
        String keyId = config.keyId() == null || config.keyId().isBlank() ? "cygnetci-1" : config.keyId();
        if (config.privateKey() != null && !config.privateKey().isBlank()) {
            return fromPrivateKey(parsePem(config.privateKey()), keyId);
        }
        if (config.location() != null && !config.location().isBlank()) {
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
        if (config.generate()) {
            log.warn("Generating a throw-away token signing key: tokens will not survive a restart (local profile)");
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            var pair = generator.generateKeyPair();
            return new RSAKey.Builder((RSAPublicKey) pair.getPublic()).privateKey(pair.getPrivate()).keyID(keyId).build();
        }
        throw new IllegalStateException("No token signing key: set cygnetci.auth.signing-key.private-key "
                + "(CYGNETCI_AUTH_PRIVATE_KEY) or .location (CYGNETCI_AUTH_KEY_LOCATION)");
    }

    @Bean
    ReactiveJwtDecoder jwtDecoder(RSAKey signingKey, AuthProperties properties) throws Exception {
        NimbusReactiveJwtDecoder decoder = NimbusReactiveJwtDecoder.withPublicKey(signingKey.toRSAPublicKey())
                .signatureAlgorithm(SignatureAlgorithm.RS256).build();
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(
                JwtValidators.createDefaultWithIssuer(properties.issuer())));
        return decoder;
    }

    private static RSAKey fromKeystore(Resource resource, AuthProperties.SigningKey config, String keyId)
            throws Exception {
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

    private static PrivateKey parsePem(String pem) throws Exception {
        String base64 = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
    }

    private static RSAKey fromPrivateKey(PrivateKey key, String keyId) throws Exception {
        if (!(key instanceof RSAPrivateCrtKey crt)) {
            throw new IllegalStateException("The signing key must be an RSA private key in PKCS#8 form");
        }
        RSAPublicKey publicKey = (RSAPublicKey) KeyFactory.getInstance("RSA")
                .generatePublic(new RSAPublicKeySpec(crt.getModulus(), crt.getPublicExponent()));
        return new RSAKey.Builder(publicKey).privateKey(key).keyID(keyId).build();
    }
}
