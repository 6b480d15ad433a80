package io.cygnetci.gateway.config;

import java.time.Clock;
import java.time.Duration;

import io.cygnetci.gateway.usage.ApiRequestCounter;
import io.cygnetci.platform.scheduling.OnStop;
import io.cygnetci.platform.scheduling.PeriodicTask;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * Per-tenant API request counts for billing ({@code cygnetci.api-requests.v1}): closed minutes are published every
 * {@code cygnetci.gateway.api-requests.publish-interval}, and everything counted when the gateway stops.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "cygnetci.gateway.api-requests.enabled", havingValue = "true", matchIfMissing = true)
class ApiRequestsConfiguration {

    private static final Duration FLUSH_TIMEOUT = Duration.ofSeconds(10);

    @Bean
    ApiRequestCounter apiRequestCounter(KafkaTemplate<String, byte[]> kafka, JsonMapper json,
            ObjectProvider<Clock> clock) {
        return new ApiRequestCounter(kafka, json, clock.getIfAvailable(Clock::systemUTC));
    }

    @Bean
    PeriodicTask apiRequestsPublishing(ApiRequestCounter counter,
            @Value("${cygnetci.gateway.api-requests.publish-interval:10s}") Duration interval) {
        return new PeriodicTask("Publishing API request counts", interval, counter::publishClosed);
    }

    /** Stops after the periodic task (a lower phase stops later) and publishes what is left. */
    @Bean
    OnStop apiRequestsFlush(ApiRequestCounter counter) {
        return new OnStop(SmartLifecycle.DEFAULT_PHASE - 1,
                () -> counter.publishAll().onErrorComplete().block(FLUSH_TIMEOUT));
    }
}
