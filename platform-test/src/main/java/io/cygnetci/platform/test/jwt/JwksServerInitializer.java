package io.cygnetci.platform.test.jwt;

import java.util.Map;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * Users' tokens are checked against the shared test JWKS server ({@link JwksServer}), as a service checks
 * tenant-service's in production. Use with {@code @ContextConfiguration(initializers = ...)}.
 */
public class JwksServerInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("test-jwks",
                Map.of("spring.security.oauth2.resourceserver.jwt.jwk-set-uri", JwksServer.shared().jwksUri())));
    }
}
