package io.cygnetci.pipeline.config;

import io.cygnetci.pipeline.tenant.TenantView;
import io.cygnetci.pipeline.tenant.TenantViews;
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
    TenantDirectoryWarmup tenantDirectoryWarmup(TenantViews views, WebClient.Builder builder, PipelineProperties properties,
            @Value("${cygnetci.internal.token:}") String token) {
        return new TenantDirectoryWarmup(new TenantDirectoryClient(builder, properties.tenantServiceUri(), token),
                e -> views.seed(new TenantView(e.tenantId(), e.slug(), e.active(), false,
                        or(e.maxPipelines(), properties.defaultMaxPipelines()),
                        or(e.executionsPerHour(), properties.defaultExecutionsPerHour()))));
    }

    private static int or(Integer value, int otherwise) {
        return value == null ? otherwise : value;
    }
}
