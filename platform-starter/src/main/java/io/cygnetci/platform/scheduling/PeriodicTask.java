package io.cygnetci.platform.scheduling;

import java.time.Duration;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.context.SmartLifecycle;

/**
 * Runs a reactive unit of work every {@code interval} while the application runs: one round at a time (a slow round
 * delays the next instead of overlapping it), a failed round logged and retried at the next tick, stopped before
 * the application's connections close.
 */
public final class PeriodicTask implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(PeriodicTask.class);

    private final String name;
    private final Duration interval;
    private final Supplier<Mono<?>> round;
    private volatile Disposable schedule;

    public PeriodicTask(String name, Duration interval, Supplier<Mono<?>> round) {
        this.name = name;
        this.interval = interval;
        this.round = round;
    }

    @Override
    public void start() {
        schedule = Flux.interval(interval, Schedulers.parallel()).onBackpressureDrop()
                .concatMap(tick -> Mono.defer(round).then().onErrorResume(ex -> {
                    log.warn("{} failed, next round in {}: {}", name, interval, ex.toString());
                    return Mono.empty();
                }), 1)
                .subscribe();
    }

    @Override
    public void stop() {
        Disposable running = schedule;
        if (running != null) {
            running.dispose();
        }
    }

    @Override
    public boolean isRunning() {
        Disposable running = schedule;
        return running != null && !running.isDisposed();
    }

    @Override
    public String toString() {
        return name + " every " + interval;
    }
}
