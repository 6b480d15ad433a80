package io.cygnetci.platform.test.spring;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

import io.cygnetci.platform.test.kafka.KafkaServer;
import io.cygnetci.platform.test.postgres.PostgresServer;
import io.cygnetci.platform.test.postgres.TestDatabase;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.MergedContextConfiguration;

/**
 * Adds a fresh database (per test class: the customizer is equal only for the same class, so contexts are not
 * shared across classes) and the JVM's Kafka broker to a test context.
 */
class PlatformTestContextCustomizer implements ContextCustomizer {

    private final Class<?> testClass;
    private final String service;
    private final boolean kafka;

    PlatformTestContextCustomizer(Class<?> testClass, String service, boolean kafka) {
        this.testClass = testClass;
        this.service = service;
        this.kafka = kafka;
    }

    @Override
    public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration config) {
        Map<String, Object> properties = new HashMap<>();
        if (service != null) {
            TestDatabase database = PostgresServer.get().createDatabase(service);
            properties.putAll(database.springProperties());
            context.getBeanFactory().registerSingleton("testDatabase", database);
        }
        if (kafka) {
            properties.put("spring.kafka.bootstrap-servers", KafkaServer.bootstrapServers());
        }
        context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("platform-test", properties));
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof PlatformTestContextCustomizer that && testClass.equals(that.testClass)
                && Objects.equals(service, that.service) && kafka == that.kafka;
    }

    @Override
    public int hashCode() {
        return Objects.hash(testClass, service, kafka);
    }
}
