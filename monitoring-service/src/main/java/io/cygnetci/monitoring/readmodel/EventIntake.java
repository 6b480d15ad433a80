package io.cygnetci.monitoring.readmodel;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import io.cygnetci.platform.events.IncomingEvent;
import io.cygnetci.platform.events.consume.ProcessedEvents;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

/**
 * Applies an event to the read models once: its id is recorded with the effect in one tenant transaction, so a
 * redelivered event changes nothing. Measures {@code cygnetci.read.model.lag}: from the event's time to applied.
 */
@Component
public class EventIntake {

    private static final Duration APPLY_TIMEOUT = Duration.ofSeconds(30);

    private final ProcessedEvents processed;
    private final MeterRegistry meters;
    private final Map<String, Timer> lags = new ConcurrentHashMap<>();

    public EventIntake(ProcessedEvents processed, MeterRegistry meters) {
        this.processed = processed;
        this.meters = meters;
    }

    /**
     * Runs on a listener thread, never an event loop: waiting keeps each partition's events in order.
     *
     * @return whether the effect ran (false: the event had been applied before)
     */
    public boolean applyOnce(String consumer, IncomingEvent event, Function<IncomingEvent, Mono<?>> effect) {
        boolean applied = Boolean.TRUE.equals(processed.processOnce(consumer, event, effect).block(APPLY_TIMEOUT));
        if (applied && event.time() != null) {
            Duration lag = Duration.between(event.time().toInstant(), Instant.now());
            lags.computeIfAbsent(event.topic(), topic -> Timer.builder("cygnetci.read.model.lag")
                    .description("From an event's time to its effect on monitoring-service's read models")
                    .tag("topic", topic).register(meters)).record(lag.isNegative() ? Duration.ZERO : lag);
        }
        return applied;
    }
}
