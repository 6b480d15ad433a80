package io.cygnetci.platform.metrics.config;

import io.cygnetci.platform.metrics.TenantCounters;
import io.cygnetci.platform.metrics.TenantServerRequestObservationConvention;
import io.cygnetci.platform.metrics.TenantTagPolicy;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;

/** The per-tenant metric tag, bounded by {@code cygnetci.metrics.max-tenant-tags}. */
@AutoConfiguration
public class MetricsAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    TenantTagPolicy tenantTagPolicy(@Value("${cygnetci.metrics.max-tenant-tags:100}") int maxTenantTags) {
        return new TenantTagPolicy(maxTenantTags);
    }

    @Bean
    @ConditionalOnMissingBean
    TenantCounters tenantCounters(MeterRegistry meters, TenantTagPolicy policy) {
        return new TenantCounters(meters, policy);
    }

    @Bean
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
    @ConditionalOnMissingBean
    TenantServerRequestObservationConvention tenantServerRequestObservationConvention(TenantTagPolicy policy) {
        return new TenantServerRequestObservationConvention(policy);
    }
}
