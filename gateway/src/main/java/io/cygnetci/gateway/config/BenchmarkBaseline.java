package io.cygnetci.gateway.config;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.context.event.EventListener;

/**
 * The {@value #PROFILE} profile runs the gateway as plain Spring Cloud Gateway routing, without authentication,
 * tenant resolution, rate limits, body limits or access log: the "gateway with no filters" baseline of
 * {@code bench/gateway.sh}. Never for real traffic: it says so loudly at start.
 */
@Configuration(proxyBeanMethods = false)
@Profile(BenchmarkBaseline.PROFILE)
public class BenchmarkBaseline {

    public static final String PROFILE = "benchmark-no-filters";
    public static final String NOT_BASELINE = "!" + PROFILE;

    private static final Logger log = LoggerFactory.getLogger(BenchmarkBaseline.class);

    @EventListener(ApplicationReadyEvent.class)
    void warn() {
        log.warn("Profile {} is active: NO authentication, tenant resolution or rate limits. Benchmarks only.", PROFILE);
    }
}
