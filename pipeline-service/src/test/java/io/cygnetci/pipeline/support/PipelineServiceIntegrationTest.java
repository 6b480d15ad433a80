package io.cygnetci.pipeline.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import io.cygnetci.platform.test.kafka.WithKafka;
import io.cygnetci.platform.test.postgres.WithPostgres;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.context.ContextConfiguration;

/**
 * A pipeline-service integration test: the real application on a random port, its own PostgreSQL database, the
 * JVM's Kafka broker, users' tokens and agent credentials from the test issuers (JWKS served by
 * {@code JwksServer}). Tenants and agents reach the service as they do in production: as events on Kafka.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Inherited
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.security.oauth2.resourceserver.jwt.issuer-uri=" + PipelineApi.USER_ISSUER,
        "cygnetci.pipelines.log-limit-per-step=64KB",
        "cygnetci.pipelines.queue-recheck-interval=2s",
        "cygnetci.events.relay.poll-interval=100ms" })
@AutoConfigureWebTestClient(timeout = "60s")
@WithPostgres(service = "pipeline_service")
@WithKafka
@ContextConfiguration(initializers = TestJwks.class)
public @interface PipelineServiceIntegrationTest {
}
