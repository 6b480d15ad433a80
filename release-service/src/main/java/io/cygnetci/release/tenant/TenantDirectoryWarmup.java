package io.cygnetci.release.tenant;

import io.cygnetci.platform.tenancy.directory.TenantDirectoryClient;
import io.cygnetci.release.config.ReleaseProperties;
import jakarta.annotation.PreDestroy;
import reactor.core.Disposable;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Seeds the tenant view from tenant-service's directory at start, because the topic only retains recent events.
 * It never overwrites what an event already said, and retries with back-off while tenant-service is away.
 */
@Component
class TenantDirectoryWarmup {

    private final TenantViews views;
    private final TenantDirectoryClient client;
    private final ReleaseProperties properties;
    private volatile Disposable loading;

    TenantDirectoryWarmup(TenantViews views, WebClient.Builder builder, ReleaseProperties properties,
            @Value("${cygnetci.internal.token:}") String token) {
        this.views = views;
        this.client = new TenantDirectoryClient(builder, properties.tenantServiceUri(), token);
        this.properties = properties;
    }

    @EventListener(ApplicationReadyEvent.class)
    void warmUp() {
        loading = client.seedEach("tenant view", e -> views.seed(new TenantView(e.tenantId(), e.slug(), e.active(),
                false, e.deploymentsPerHour() == null ? properties.defaultDeploymentsPerHour()
                        : e.deploymentsPerHour())));
    }

    @PreDestroy
    void stop() {
        if (loading != null) {
            loading.dispose();
        }
    }
}
