package io.cygnetci.platform.test.time;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/** Replaces the service's clock with a {@link MutableClock} that stands still unless a test moves it. */
@TestConfiguration(proxyBeanMethods = false)
public class MutableClockConfiguration {

    @Bean
    @Primary
    MutableClock testClock() {
        return MutableClock.startingNow();
    }
}
