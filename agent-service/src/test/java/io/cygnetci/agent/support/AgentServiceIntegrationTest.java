package io.cygnetci.agent.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import io.cygnetci.platform.test.jwt.JwksServerInitializer;
import io.cygnetci.platform.test.kafka.WithKafka;
import io.cygnetci.platform.test.postgres.WithPostgres;
import io.cygnetci.platform.test.time.MutableClockConfiguration;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ContextConfiguration;

/**
 * An agent-service integration test: the real application on a random port, its own PostgreSQL database, the
 * JVM's Kafka broker, users' tokens from the test issuer (JWKS served by {@code JwksServer}), and a clock the test
 * moves. The liveness detector does not run on its own: tests call it.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Inherited
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.security.oauth2.resourceserver.jwt.issuer-uri=" + AgentApi.USER_ISSUER,
        "cygnetci.agents.credentials.issuer=" + AgentApi.AGENT_ISSUER,
        "cygnetci.agents.credentials.signing-key.generate=true",
        "cygnetci.agents.detector-interval=0s",
        "cygnetci.agents.heartbeat-flush-interval=100ms",
        "cygnetci.events.relay.poll-interval=100ms" })
@AutoConfigureWebTestClient(timeout = "30s")
@WithPostgres(service = "agent_service")
@WithKafka
@ContextConfiguration(initializers = JwksServerInitializer.class)
@Import(MutableClockConfiguration.class)
public @interface AgentServiceIntegrationTest {
}
