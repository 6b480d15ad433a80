package io.cygnetci.pipeline.tenant;

import io.cygnetci.pipeline.config.PipelineProperties;
import io.cygnetci.platform.tenancy.directory.TenantDirectoryClient;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;

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

    private static final Logger log = LoggerFactory.getLogger(TenantDirectoryWarmup.class);

    private final TenantViews views;
    private final TenantDirectoryClient client;
    private final PipelineProperties properties;
    private volatile Disposable loading;

    TenantDirectoryWarmup(TenantViews views, WebClient.Builder builder, PipelineProperties properties,
            @Value("${cygnetci.internal.token:}") String token) {
        this.views = views;
        this.client = new TenantDirectoryClient(builder, properties.tenantServiceUri(), token);
        this.properties = properties;
    }

    @EventListener(ApplicationReadyEvent.class)
    void warmUp() {
        if (!client.configured()) {
            log.warn("cygnetci.internal.token is not set: the tenant view is fed by events only");
            return;
        }
        loading = client.load()
                .flatMapMany(Flux::fromIterable)
                .concatMap(e -> views.seed(new TenantView(e.tenantId(), e.slug(), e.active(), false,
                        e.maxPipelines() == null ? properties.defaultMaxPipelines() : e.maxPipelines(),
                        e.executionsPerHour() == null ? properties.defaultExecutionsPerHour()
                                : e.executionsPerHour())))
                .count()
                .subscribe(count -> log.info("Tenant view seeded from the directory"),
                        ex -> log.warn("Tenant view not seeded: {}", ex.toString()));
    }

    @PreDestroy
    void stop() {
        if (loading != null) {
            loading.dispose();
        }
    }
}
