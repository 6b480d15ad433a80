package io.cygnetci.tenant.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import com.nimbusds.jose.jwk.RSAKey;
import io.cygnetci.platform.test.jwt.TestKeys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SigningKeyConfigurationTests {

    private final SigningKeyConfiguration configuration = new SigningKeyConfiguration();

    @Test
    void whenPemTextIsConfiguredThenItsKeySignsAndItsPublicHalfIsDerived() throws Exception {
        RSAKey key = configuration.signingKey(properties(TestKeys.trustedPrivateKeyPem(), null, null, false));
        assertThat(key.toRSAPublicKey()).isEqualTo(TestKeys.trusted().getPublic());
        assertThat(key.getKeyID()).isEqualTo("kid-1");
        assertThat(key.isPrivate()).isTrue();
    }

    @Test
    void whenABarePemPathIsConfiguredThenTheFileIsRead(@TempDir Path dir) throws Exception {
        Path pem = Files.writeString(dir.resolve("signing.pem"), TestKeys.trustedPrivateKeyPem());
        RSAKey key = configuration.signingKey(properties(null, pem.toString(), null, false));
        assertThat(key.toRSAPublicKey()).isEqualTo(TestKeys.trusted().getPublic());
    }

    @Test
    void whenAPkcs12KeystoreIsConfiguredThenItsKeyIsUsed(@TempDir Path dir) throws Exception {
        Path keystore = dir.resolve("signing.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-keyalg", "RSA", "-keysize", "2048", "-alias", "signing", "-dname", "CN=cygnetci-test",
                "-validity", "1", "-storetype", "PKCS12", "-keystore", keystore.toString(), "-storepass", "changeit",
                "-keypass", "changeit").redirectErrorStream(true).start();
        assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(keytool.exitValue()).as(new String(keytool.getInputStream().readAllBytes())).isZero();

        RSAKey key = configuration.signingKey(properties(null, keystore.toString(), "changeit", false));
        assertThat(key.isPrivate()).isTrue();
        assertThat(key.toRSAPublicKey().getModulus().bitLength()).isEqualTo(2048);
    }

    @Test
    void whenNothingIsConfiguredThenStartUpFailsUnlessGeneratingIsAllowed() throws Exception {
        assertThatThrownBy(() -> configuration.signingKey(properties(null, null, null, false)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("No token signing key");
        assertThat(configuration.signingKey(properties(null, null, null, true)).isPrivate()).isTrue();
    }

    private static AuthProperties properties(String pem, String location, String password, boolean generate) {
        return new AuthProperties("http://issuer.test", Duration.ofHours(1),
                new AuthProperties.SigningKey("kid-1", pem, location, password, null, generate), null);
    }
}
