package io.cygnetci.platform.testapp;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.kafka.annotation.EnableKafka;

/**
 * A minimal service built on platform-starter the way real services are: its own Flyway migration
 * ({@code db/migration}), a tenant-owned table under Row-Level Security and an idempotent event consumer
 * ({@link EffectListener}). Configured by {@code src/test/resources/application.yml}.
 */
@SpringBootApplication
@EnableKafka
public class StarterTestApplication {

    /** The topic the service owns and consumes (also {@code cygnetci.events.topics}). */
    public static final String TOPIC = "starter-test.v1";

    /** Where records end up that the consumer cannot handle. */
    public static final String DEAD_LETTER_TOPIC = TOPIC + ".dlt";

    /** An event type whose effect always fails. */
    public static final String POISON = "io.cygnetci.test.poison.v1";
}
