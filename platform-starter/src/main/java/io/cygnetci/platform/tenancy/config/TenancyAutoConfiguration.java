package io.cygnetci.platform.tenancy.config;

import io.cygnetci.platform.tenancy.TenantAccessPolicy;
import io.cygnetci.platform.tenancy.TenantMdcAccessor;
import io.cygnetci.platform.tenancy.web.TenantContextWebFilter;
import io.micrometer.context.ContextRegistry;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/** The tenant of each request, in the Reactor Context and the MDC. */
@AutoConfiguration
public class TenancyAutoConfiguration {

    static {
        ContextRegistry.getInstance().registerThreadLocalAccessor(new TenantMdcAccessor());
    }

    @Bean
    @ConditionalOnMissingBean
    TenantAccessPolicy tenantAccessPolicy() {
        return TenantAccessPolicy.allowAll();
    }

    /** Off in the gateway, which resolves tenants its own way (subdomain, slug header) before routing. */
    @Bean
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
    @org.springframework.boot.autoconfigure.condition.ConditionalOnProperty(name = "cygnetci.tenancy.web-filter.enabled",
            havingValue = "true", matchIfMissing = true)
    TenantContextWebFilter tenantContextWebFilter(TenantAccessPolicy accessPolicy) {
        return new TenantContextWebFilter(accessPolicy);
    }
}
