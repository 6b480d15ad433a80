package io.cygnetci.platform.tenancy.directory;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

import org.springframework.web.reactive.function.client.WebClient;

/**
 * Reads tenant-service's internal tenant directory ({@code GET /internal/v1/tenant-directory}, guarded by the shared
 * internal token), so a service can seed its local view of tenants at start: the {@code cygnetci.tenants.v1} topic
 * only retains recent events. Retries with back-off, for as long as it takes, while tenant-service is away.
 */
public class TenantDirectoryClient {

    private static final Logger log = LoggerFactory.getLogger(TenantDirectoryClient.class);

    /** One tenant as the directory lists it; fields a reader does not know are ignored. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Entry(UUID tenantId, String slug, boolean active, Integer requestsPerMinute, Integer maxAgents,
            Integer maxPipelines, Integer executionsPerHour, Integer deploymentsPerHour) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Directory(List<Entry> items) {
    }

    private final WebClient client;
    private final String token;

    /** @param token the shared internal token; blank: there is no directory to read */
    public TenantDirectoryClient(WebClient.Builder builder, String tenantServiceUri, String token) {
        this.client = builder.baseUrl(tenantServiceUri).build();
        this.token = token == null ? "" : token;
    }

    public boolean configured() {
        return !token.isBlank();
    }

    /**
     * Loads the directory in the background and hands each tenant to {@code seed}, one after the other; logs the
     * outcome. Without a configured token it does nothing and says so. Dispose the answer to stop early.
     */
    public Disposable seedEach(String view, Function<Entry, Mono<?>> seed) {
        if (!configured()) {
            log.warn("cygnetci.internal.token is not set: the {} is fed by events only", view);
            return Disposables.disposed();
        }
        return load()
                .flatMapMany(Flux::fromIterable)
                .concatMap(seed)
                .then()
                .subscribe(done -> { }, ex -> log.warn("The {} was not seeded from the directory: {}", view,
                        ex.toString()), () -> log.info("The {} was seeded from the tenant directory", view));
    }

    /** Every tenant; retries until tenant-service answers. */
    public Mono<List<Entry>> load() {
        return client.get().uri("/internal/v1/tenant-directory").header("X-Internal-Token", token)
                .retrieve().bodyToMono(Directory.class)
                .timeout(Duration.ofSeconds(10))
                .retryWhen(Retry.backoff(Long.MAX_VALUE, Duration.ofSeconds(1)).maxBackoff(Duration.ofSeconds(30))
                        .doBeforeRetry(signal -> log.warn("Tenant directory not loaded yet ({}): retrying",
                                signal.failure().toString())))
                .map(Directory::items);
    }
}
