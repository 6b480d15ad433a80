package io.cygnetci.gateway.tenant;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.util.retry.Retry;

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

    @JsonIgnoreProperties(ignoreUnknown = true)
    record DirectoryEntry(UUID tenantId, String slug, boolean active, int requestsPerMinute) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Directory(List<DirectoryEntry> items) {
    }

    private final TenantDirectory directory;
    private final ApplicationEventPublisher events;
    private final WebClient client;
    private final String token;
    private volatile Disposable loading;

    DirectoryWarmup(TenantDirectory directory, ApplicationEventPublisher events, WebClient.Builder builder,
            @Value("${cygnetci.gateway.tenant-service-uri}") String tenantService,
            @Value("${cygnetci.internal.token:}") String token) {
        this.directory = directory;
        this.events = events;
        this.client = builder.baseUrl(tenantService).build();
        this.token = token;
    }

    @EventListener(ApplicationReadyEvent.class)
    void warmUp() {
        if (token.isBlank()) {
            log.warn("cygnetci.internal.token is not set: the tenant directory is fed by events only");
            return;
        }
        AvailabilityChangeEvent.publish(events, this, ReadinessState.REFUSING_TRAFFIC);
        loading = client.get().uri("/internal/v1/tenant-directory").header("X-Internal-Token", token)
                .retrieve().bodyToMono(Directory.class)
                .timeout(Duration.ofSeconds(10))
                .retryWhen(Retry.backoff(Long.MAX_VALUE, Duration.ofSeconds(1)).maxBackoff(Duration.ofSeconds(30))
                        .doBeforeRetry(signal -> log.warn("Tenant directory not loaded yet ({}): retrying",
                                signal.failure().toString())))
                .subscribe(loaded -> {
                    loaded.items().forEach(e -> directory.putIfAbsent(
                            new TenantEntry(e.tenantId(), e.slug(), e.active(), e.requestsPerMinute())));
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
