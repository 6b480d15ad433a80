package io.cygnetci.agent.config;

import io.cygnetci.agent.tenant.TenantView;
import io.cygnetci.agent.tenant.TenantViews;
import io.cygnetci.platform.tenancy.directory.TenantDirectoryClient;
import io.cygnetci.platform.tenancy.directory.TenantDirectoryWarmup;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.client.WebClient;

/** The tenant view is seeded from tenant-service's directory at start; events keep it current after that. */
@Configuration(proxyBeanMethods = false)
class TenantDirectoryConfiguration {

    @Bean
    TenantDirectoryWarmup tenantDirectoryWarmup(TenantViews views, WebClient.Builder builder, AgentProperties properties,
            @Value("${cygnetci.internal.token:}") String token) {
        return new TenantDirectoryWarmup(new TenantDirectoryClient(builder, properties.tenantServiceUri(), token),
                e -> views.seed(new TenantView(e.tenantId(), e.slug(), e.active(), false,
                        e.maxAgents() == null ? properties.defaultMaxAgents() : e.maxAgents())));
    }
}
