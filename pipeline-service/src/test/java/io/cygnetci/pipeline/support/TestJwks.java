package io.cygnetci.pipeline.support;

import java.util.Map;

import io.cygnetci.platform.test.jwt.JwksServer;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * Users' tokens and agent credentials are both checked against the test JWKS server. The trusted issuer is set
 * whole here: a list is bound from one property source only.
 */
public class TestJwks implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("test-jwks", Map.of(
                "spring.security.oauth2.resourceserver.jwt.jwk-set-uri", JwksServer.shared().jwksUri(),
                "cygnetci.security.trusted-issuers[0].issuer", PipelineApi.AGENT_ISSUER,
                "cygnetci.security.trusted-issuers[0].jwk-set-uri", JwksServer.shared().jwksUri())));
    }
}
