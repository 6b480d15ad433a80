package io.cygnetci.agent.tenant;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.cygnetci.agent.config.AgentProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.util.retry.Retry;

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

    @JsonIgnoreProperties(ignoreUnknown = true)
    record DirectoryEntry(UUID tenantId, String slug, boolean active, Integer maxAgents) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Directory(List<DirectoryEntry> items) {
    }

    private final TenantViews views;
    private final WebClient client;
    private final String token;
    private final int defaultMaxAgents;
    private volatile Disposable loading;

    TenantDirectoryWarmup(TenantViews views, WebClient.Builder builder, AgentProperties properties,
            @Value("${cygnetci.internal.token:}") String token) {
        this.views = views;
        this.client = builder.baseUrl(properties.tenantServiceUri()).build();
        this.token = token;
        this.defaultMaxAgents = properties.defaultMaxAgents();
    }

    @EventListener(ApplicationReadyEvent.class)
    void warmUp() {
        if (token.isBlank()) {
            log.warn("cygnetci.internal.token is not set: the tenant view is fed by events only");
            return;
        }
        loading = client.get().uri("/internal/v1/tenant-directory").header("X-Internal-Token", token)
                .retrieve().bodyToMono(Directory.class)
                .timeout(Duration.ofSeconds(10))
                .retryWhen(Retry.backoff(Long.MAX_VALUE, Duration.ofSeconds(1)).maxBackoff(Duration.ofSeconds(30))
                        .doBeforeRetry(signal -> log.warn("Tenant directory not loaded yet ({}): retrying",
                                signal.failure().toString())))
                .flatMapMany(directory -> Flux.fromIterable(directory.items()))
                .concatMap(e -> views.seed(new TenantView(e.tenantId(), e.slug(), e.active(), false,
                        e.maxAgents() == null ? defaultMaxAgents : e.maxAgents())))
                .count()
                .subscribe(count -> log.info("Tenant view seeded from the directory"),
                        ex -> log.warn("Tenant view not seeded: {}", ex.toString()));
    }

    @jakarta.annotation.PreDestroy
    void stop() {
        if (loading != null) {
            loading.dispose();
        }
    }
}
