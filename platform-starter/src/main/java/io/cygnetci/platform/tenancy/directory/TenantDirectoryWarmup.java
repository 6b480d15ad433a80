package io.cygnetci.platform.tenancy.directory;

import java.util.function.Function;

import reactor.core.Disposable;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;

/**
 * Seeds a service's local view of tenants from tenant-service's directory once the application is ready, because
 * {@code cygnetci.tenants.v1} only retains recent events. {@code seed} must never overwrite what an event already
 * said; the client retries with back-off while tenant-service is away. Declare one as a bean.
 */
public class TenantDirectoryWarmup implements ApplicationListener<ApplicationReadyEvent>, DisposableBean {

    private final TenantDirectoryClient client;
    private final Function<TenantDirectoryClient.Entry, Mono<?>> seed;
    private volatile Disposable loading;

    public TenantDirectoryWarmup(TenantDirectoryClient client, Function<TenantDirectoryClient.Entry, Mono<?>> seed) {
        this.client = client;
        this.seed = seed;
    }

    @Override
    public void onApplicationEvent(ApplicationReadyEvent event) {
        loading = client.seedEach("tenant view", seed);
    }

    @Override
    public void destroy() {
        Disposable current = loading;
        if (current != null) {
            current.dispose();
        }
    }
}
