package io.cygnetci.tenant.support;

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
 * A tenant-service integration test: the real application on a random port, its own PostgreSQL database, the
 * JVM's Kafka broker, and the platform's test signing key (so tests can mint tokens the service accepts).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Inherited
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "cygnetci.auth.issuer=" + TestApi.ISSUER,
        "cygnetci.bootstrap.platform-admin.email=" + TestApi.ADMIN_EMAIL,
        "cygnetci.bootstrap.platform-admin.password=" + TestApi.ADMIN_PASSWORD,
        "cygnetci.auth.login-throttle.max-failures=3",
        "cygnetci.events.relay.poll-interval=100ms" })
// generous: the 2-core CI machine may be busy with the broker and the database
@AutoConfigureWebTestClient(timeout = "30s")
@WithPostgres(service = "tenant_service")
@WithKafka
@ContextConfiguration(initializers = TestSigningKey.class)
public @interface TenantServiceIntegrationTest {
}
