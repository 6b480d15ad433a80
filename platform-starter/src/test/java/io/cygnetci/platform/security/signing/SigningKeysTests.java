package io.cygnetci.platform.security.signing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;

import com.nimbusds.jose.jwk.RSAKey;
import io.cygnetci.platform.test.jwt.TestKeys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SigningKeysTests {

    @Test
    void whenPemTextIsConfiguredThenItsKeySignsAndItsPublicHalfIsDerived() throws Exception {
        RSAKey key = load(settings(TestKeys.trustedPrivateKeyPem(), null, null, false));
        assertThat(key.toRSAPublicKey()).isEqualTo(TestKeys.trusted().getPublic());
        assertThat(key.getKeyID()).isEqualTo("kid-1");
        assertThat(key.isPrivate()).isTrue();
    }

    @Test
    void whenABarePemPathIsConfiguredThenTheFileIsRead(@TempDir Path dir) throws Exception {
        Path pem = Files.writeString(dir.resolve("signing.pem"), TestKeys.trustedPrivateKeyPem());
        RSAKey key = load(settings(null, pem.toString(), null, false));
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

        RSAKey key = load(settings(null, keystore.toString(), "changeit", false));
        assertThat(key.isPrivate()).isTrue();
        assertThat(key.toRSAPublicKey().getModulus().bitLength()).isEqualTo(2048);
    }

    @Test
    void whenNothingIsConfiguredThenStartUpFailsUnlessGeneratingIsAllowed() throws Exception {
        assertThatThrownBy(() -> load(settings(null, null, null, false)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("No test key")
                .hasMessageContaining("test.signing-key.location");
        assertThat(load(settings(null, null, null, true)).isPrivate()).isTrue();
    }

    @Test
    void whenGeneratingIntoAMissingFileThenTheKeyIsKeptPrivatelyAndReloadedOnTheNextStart(@TempDir Path dir)
            throws Exception {
        Path file = dir.resolve("keys/agent-service.pem");

        RSAKey first = load(settings(null, file.toString(), null, true));
        RSAKey second = load(settings(null, file.toString(), null, true));

        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(second.toRSAPublicKey()).isEqualTo(first.toRSAPublicKey());
        assertThat(second.isPrivate()).isTrue();
    }

    @Test
    void whenTheConfiguredFileIsMissingAndGeneratingIsOffThenStartUpFails(@TempDir Path dir) {
        assertThatThrownBy(() -> load(settings(null, dir.resolve("absent.pem").toString(), null, false)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("Cannot load the test key");
    }

    private static RSAKey load(SigningKeySettings settings) {
        return SigningKeys.load(settings, "test key", "test.signing-key");
    }

    private static SigningKeySettings settings(String pem, String location, String password, boolean generate) {
        return new SigningKeySettings("kid-1", pem, location, password, null, generate);
    }
}
