package io.cygnetci.platform.security.signing;

/**
 * Where an RS256 signing key comes from.
 *
 * @param keyId the {@code kid} published in the JWKS
 * @param privateKey a PKCS#8 PEM private key, inline
 * @param location a PEM file or a PKCS#12 keystore ({@code .p12}/{@code .pfx})
 * @param keystorePassword the keystore's password
 * @param keystoreAlias the keystore entry (default: the first)
 * @param generate make a key when none is configured (local use only): kept in {@code location} when that is a
 *        PEM path, so tokens survive a restart; otherwise it dies with the process
 */
public record SigningKeySettings(String keyId, String privateKey, String location, String keystorePassword,
        String keystoreAlias, boolean generate) {

    public static SigningKeySettings none() {
        return new SigningKeySettings(null, null, null, null, null, false);
    }
}
