package io.cygnetci.release.support;

import java.util.Map;

import io.cygnetci.platform.test.jwt.JwksServer;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/** Users' tokens are checked against the test JWKS server, as release-service checks tenant-service's in production. */
public class TestJwks implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("test-jwks",
                Map.of("spring.security.oauth2.resourceserver.jwt.jwk-set-uri", JwksServer.shared().jwksUri())));
    }
}
