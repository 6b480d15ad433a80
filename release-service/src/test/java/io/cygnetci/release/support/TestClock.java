package io.cygnetci.release.support;

import io.cygnetci.platform.test.time.MutableClock;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

@TestConfiguration(proxyBeanMethods = false)
public class TestClock {

    @Bean
    @Primary
    MutableClock testClock() {
        return MutableClock.startingNow();
    }
}
