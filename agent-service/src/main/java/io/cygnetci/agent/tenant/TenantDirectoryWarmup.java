package io.cygnetci.agent.tenant;

import io.cygnetci.agent.config.AgentProperties;
import io.cygnetci.platform.tenancy.directory.TenantDirectoryClient;
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
    private final int defaultMaxAgents;
    private volatile Disposable loading;

    TenantDirectoryWarmup(TenantViews views, WebClient.Builder builder, AgentProperties properties,
            @Value("${cygnetci.internal.token:}") String token) {
        this.views = views;
        this.client = new TenantDirectoryClient(builder, properties.tenantServiceUri(), token);
        this.defaultMaxAgents = properties.defaultMaxAgents();
    }

    @EventListener(ApplicationReadyEvent.class)
    void warmUp() {
        loading = client.seedEach("tenant view", e -> views.seed(new TenantView(e.tenantId(), e.slug(), e.active(),
                false, e.maxAgents() == null ? defaultMaxAgents : e.maxAgents())));
    }

    @PreDestroy
    void stop() {
        if (loading != null) {
            loading.dispose();
        }
    }
}
