package io.cygnetci.monitoring.check.domain;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.cygnetci.monitoring.config.MonitoringProperties;
import io.cygnetci.platform.data.DbScope;
import io.cygnetci.platform.data.TenantDatabase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

/**
 * Runs due checks with bounded concurrency, fairly across tenants: each round claims at most as many checks as
 * this replica has free slots, every tenant's first due check before any tenant's second, and never more than
 * {@code max-concurrent-per-tenant} of one tenant at once. A tenant with a thousand checks therefore delays its
 * own checks, not another tenant's.
 */
@Component
public class CheckScheduler {

    private static final Logger log = LoggerFactory.getLogger(CheckScheduler.class);

    private final TenantDatabase database;
    private final HealthCheckRepository checks;
    private final Probe probe;
    private final CheckRecorder recorder;
    private final Clock clock;
    private final int maxConcurrent;
    private final int maxPerTenant;
    private final AtomicInteger running = new AtomicInteger();
    private final Map<UUID, AtomicInteger> runningByTenant = new ConcurrentHashMap<>();
    private final Disposable.Composite inFlight = Disposables.composite();

    public CheckScheduler(TenantDatabase database, HealthCheckRepository checks, Probe probe, CheckRecorder recorder,
            Clock clock, MonitoringProperties properties) {
        this.database = database;
        this.checks = checks;
        this.probe = probe;
        this.recorder = recorder;
        this.clock = clock;
        this.maxConcurrent = properties.checks().maxConcurrent();
        this.maxPerTenant = properties.checks().maxConcurrentPerTenant();
    }

    /** One round: claims what is due and fits, starts it, and answers how many were started (without waiting). */
    public Mono<Integer> runDue() {
        int free = maxConcurrent - running.get();
        if (free <= 0) {
            return Mono.just(0);
        }
        Map<UUID, Integer> busy = new HashMap<>();
        runningByTenant.forEach((tenant, count) -> {
            if (count.get() > 0) {
                busy.put(tenant, count.get());
            }
        });
        return database.inMany(DbScope.platformWide(), checks.claimDue(clock.instant(), free, maxPerTenant, busy))
                .collectList()
                .map(claimed -> {
                    claimed.forEach(this::start);
                    return claimed.size();
                });
    }

    private void start(HealthCheck check) {
        running.incrementAndGet();
        AtomicInteger ofTenant = runningByTenant.computeIfAbsent(check.tenantId(), t -> new AtomicInteger());
        ofTenant.incrementAndGet();
        Disposable[] self = new Disposable[1];
        self[0] = probe.run(check)
                .flatMap(outcome -> recorder.record(check, outcome, clock.instant()))
                .doFinally(signal -> {
                    running.decrementAndGet();
                    ofTenant.decrementAndGet();
                    if (self[0] != null) {
                        inFlight.remove(self[0]);
                    }
                })
                .subscribe(result -> { }, ex -> log.warn("Recording a result of service {} failed: {}", check.id(),
                        ex.toString()));
        if (!self[0].isDisposed()) {
            inFlight.add(self[0]);
        }
    }

    /** Checks running in this replica now. */
    public int running() {
        return running.get();
    }

    /** Abandons running checks (the application is stopping; they run again at their next turn). */
    public void stop() {
        inFlight.dispose();
    }
}
