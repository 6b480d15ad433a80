package io.cygnetci.monitoring.support;

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
 * A monitoring-service integration test: the real application on a random port, its own PostgreSQL database, the
 * JVM's Kafka broker, users' tokens from the test issuer, and a clock the test moves (health checks are due, and
 * usage windows close, when the test says). The other services' events reach it as in production: on Kafka.
 * Checks may reach 127.0.0.1 only, where the tests' HTTP server runs; every other internal address is refused.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Inherited
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.security.oauth2.resourceserver.jwt.issuer-uri=" + MonitoringApi.USER_ISSUER,
        "cygnetci.events.relay.poll-interval=100ms",
        "cygnetci.monitoring.checks.poll-interval=100ms",
        "cygnetci.monitoring.checks.allowed-targets=127.0.0.1/32",
        "cygnetci.monitoring.activity.stream-poll-interval=100ms",
        "cygnetci.monitoring.usage.publish-interval=200ms",
        "cygnetci.monitoring.usage.agent-metering-interval=200ms",
        "cygnetci.monitoring.gauges-refresh-interval=200ms" })
@AutoConfigureWebTestClient(timeout = "30s")
@WithPostgres(service = "monitoring_service")
@WithKafka
@ContextConfiguration(initializers = JwksServerInitializer.class)
@Import(MutableClockConfiguration.class)
public @interface MonitoringServiceIntegrationTest {
}
