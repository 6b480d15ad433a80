package io.cygnetci.release.support;

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
 * A release-service integration test: the real application on a random port, its own PostgreSQL database, the
 * JVM's Kafka broker, users' tokens from the test issuer (JWKS served by {@code JwksServer}), and a clock the test
 * moves. Tenants, pipelines and executions reach the service as they do in production: as events on Kafka.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Inherited
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.security.oauth2.resourceserver.jwt.issuer-uri=" + ReleaseApi.USER_ISSUER,
        "cygnetci.events.relay.poll-interval=100ms" })
@AutoConfigureWebTestClient(timeout = "30s")
@WithPostgres(service = "release_service")
@WithKafka
@ContextConfiguration(initializers = JwksServerInitializer.class)
@Import(MutableClockConfiguration.class)
public @interface ReleaseServiceIntegrationTest {
}
