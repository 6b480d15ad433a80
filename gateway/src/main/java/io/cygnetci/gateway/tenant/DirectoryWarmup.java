package io.cygnetci.gateway.tenant;

import io.cygnetci.platform.tenancy.directory.TenantDirectoryClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Loads the whole tenant directory from tenant-service at start (events alone only cover what the topic still
 * retains). Until it has, the gateway reports itself not ready, so no traffic is refused as "unknown tenant"; it
 * keeps retrying with back-off while tenant-service is unreachable.
 */
@Component
class DirectoryWarmup {

    private static final Logger log = LoggerFactory.getLogger(DirectoryWarmup.class);

    private final TenantDirectory directory;
    private final ApplicationEventPublisher events;
    private final TenantDirectoryClient client;
    private volatile Disposable loading;

    DirectoryWarmup(TenantDirectory directory, ApplicationEventPublisher events, WebClient.Builder builder,
            @Value("${cygnetci.gateway.tenant-service-uri}") String tenantService,
            @Value("${cygnetci.internal.token:}") String token) {
        this.directory = directory;
        this.events = events;
        this.client = new TenantDirectoryClient(builder, tenantService, token);
    }

    @EventListener(ApplicationReadyEvent.class)
    void warmUp() {
        if (!client.configured()) {
            log.warn("cygnetci.internal.token is not set: the tenant directory is fed by events only");
            return;
        }
        AvailabilityChangeEvent.publish(events, this, ReadinessState.REFUSING_TRAFFIC);
        loading = client.load().subscribe(entries -> {
            entries.forEach(e -> directory.putIfAbsent(new TenantEntry(e.tenantId(), e.slug(), e.active(),
                    e.requestsPerMinute() == null ? 0 : e.requestsPerMinute())));
            log.info("Tenant directory loaded: {} tenants", directory.size());
            AvailabilityChangeEvent.publish(events, this, ReadinessState.ACCEPTING_TRAFFIC);
        });
    }

    @jakarta.annotation.PreDestroy
    void stop() {
        if (loading != null) {
            loading.dispose();
        }
    }
}
