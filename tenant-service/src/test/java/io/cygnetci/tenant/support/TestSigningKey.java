package io.cygnetci.tenant.support;

import java.util.Map;

import io.cygnetci.platform.test.jwt.TestKeys;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/** Signs the service's tokens with the platform's test key, so tests can also mint tokens it accepts. */
public class TestSigningKey implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("test-signing-key", Map.of(
                "cygnetci.auth.signing-key.private-key", TestKeys.trustedPrivateKeyPem(),
                "cygnetci.auth.signing-key.key-id", TestKeys.KEY_ID)));
    }
}
