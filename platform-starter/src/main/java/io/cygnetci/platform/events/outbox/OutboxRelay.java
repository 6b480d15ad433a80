package io.cygnetci.platform.events.outbox;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.cygnetci.platform.data.DbScope;
import io.cygnetci.platform.data.TenantDatabase;
import io.cygnetci.platform.events.CloudEventRecords;
import io.cygnetci.platform.events.config.EventsProperties;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Schedulers;

import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.support.SendResult;

/**
 * Publishes committed outbox rows to Kafka and marks them sent.
 * <p>
 * Each round claims a batch with {@code FOR UPDATE SKIP LOCKED} (so several replicas share the work without
 * publishing a row twice at the same time), sends it with the idempotent producer, waits for every ack and marks
 * the rows sent in the same transaction. While Kafka is down the round fails, the rows stay unsent and the relay
 * backs off exponentially: events are delayed, never lost. Delivery is at least once; consumers deduplicate by
 * event id.
 */
public class OutboxRelay implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

    private static final String CLAIM = """
            select id, tenant_id, topic, message_key, event_type, subject, payload::text as payload, created_at
            from outbox where sent_at is null order by seq limit :batch for update skip locked""";

    private final TenantDatabase database;
    private final KafkaTemplate<String, byte[]> kafka;
    private final EventsProperties properties;
    private final URI source;
    private final Sinks.Many<Boolean> wakeUps = Sinks.many().multicast().directBestEffort();
    private final AtomicInteger failures = new AtomicInteger();
    private final Counter published;
    private final Counter failedRounds;
    private volatile Disposable.Composite loops;

    public OutboxRelay(TenantDatabase database, KafkaTemplate<String, byte[]> kafka, EventsProperties properties,
            MeterRegistry meters) {
        this.database = database;
        this.kafka = kafka;
        this.properties = properties;
        this.source = URI.create(properties.source());
        this.published = Counter.builder("cygnetci.outbox.published").description("Events the relay published")
                .register(meters);
        this.failedRounds = Counter.builder("cygnetci.outbox.failed.rounds")
                .description("Relay rounds that failed (Kafka unavailable)").register(meters);
    }

    /** Publishes one batch; answers how many events were sent. */
    public Mono<Integer> relayOnce() {
        return database.in(DbScope.platformWide(), database.client().sql(CLAIM)
                .bind("batch", properties.relay().batchSize())
                .map((row, meta) -> new OutboxRecord(row.get("id", UUID.class), row.get("tenant_id", UUID.class),
                        row.get("topic", String.class), row.get("message_key", String.class),
                        row.get("event_type", String.class), row.get("subject", String.class),
                        row.get("payload", String.class), row.get("created_at", OffsetDateTime.class)))
                .all().collectList()
                .flatMap(batch -> batch.isEmpty() ? Mono.just(0) : publish(batch).then(markSent(batch))));
    }

    private Mono<Void> publish(List<OutboxRecord> batch) {
        // KafkaTemplate.send can block while it waits for metadata (max.block.ms): never on an event loop.
        return Mono.fromCallable(() -> sendUntilFirstFailure(batch))
                .subscribeOn(Schedulers.boundedElastic())
                .flatMap(futures -> Mono.fromFuture(CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new))
                        .orTimeout(properties.relay().sendTimeout().toMillis(), TimeUnit.MILLISECONDS)))
                .then();
    }

    /**
     * Hands the batch to the producer in order. While Kafka is unreachable each send waits up to
     * {@code max.block.ms} for metadata and then fails: stop at the first failure so a round fails fast.
     */
    private List<CompletableFuture<SendResult<String, byte[]>>> sendUntilFirstFailure(List<OutboxRecord> batch) {
        List<CompletableFuture<SendResult<String, byte[]>>> futures = new java.util.ArrayList<>(batch.size());
        for (OutboxRecord row : batch) {
            CompletableFuture<SendResult<String, byte[]>> future = send(row);
            futures.add(future);
            if (future.isCompletedExceptionally()) {
                break;
            }
        }
        return futures;
    }

    private CompletableFuture<SendResult<String, byte[]>> send(OutboxRecord row) {
        return kafka.send(CloudEventRecords.toRecord(row.topic(), row.key(), row.id(), source, row.type(),
                row.subject(), row.tenantId(), row.createdAt(), row.payload().getBytes(StandardCharsets.UTF_8)));
    }

    private Mono<Integer> markSent(List<OutboxRecord> batch) {
        return database.client().sql("update outbox set sent_at = clock_timestamp() where id = any(:ids)")
                .bind("ids", batch.stream().map(OutboxRecord::id).toArray(UUID[]::new))
                .fetch().rowsUpdated()
                .doOnNext(n -> published.increment(n))
                .thenReturn(batch.size());
    }

    /**
     * Housekeeping of the platform tables: deletes outbox rows sent longer ago than the relay's retention, and
     * records of processed events older than the consumers' (no redelivery can come that late). Answers how many.
     */
    public Mono<Long> purgeOld() {
        return database.in(DbScope.platformWide(), database.client()
                .sql("delete from outbox where sent_at < clock_timestamp() - make_interval(secs => :secs)")
                .bind("secs", (double) properties.relay().retention().toSeconds())
                .fetch().rowsUpdated()
                .flatMap(sent -> database.client().sql("delete from processed_events "
                        + "where processed_at < clock_timestamp() - make_interval(secs => :secs)")
                        .bind("secs", (double) properties.consumer().processedRetention().toSeconds())
                        .fetch().rowsUpdated().map(processed -> sent + processed)));
    }

    /** Asks the relay to run soon instead of waiting for the next poll. */
    public void wakeUpAfterCommit() {
        // the row is not visible before the transaction commits: a short delay avoids an empty round
        Mono.delay(Duration.ofMillis(20)).subscribe(tick -> wakeUps.tryEmitNext(Boolean.TRUE));
    }

    private Mono<Duration> round() {
        return relayOnce()
                .map(sent -> {
                    if (failures.getAndSet(0) > 0) {
                        log.info("Kafka reachable again: outbox relay resumed");
                    }
                    return sent >= properties.relay().batchSize() ? Duration.ZERO : properties.relay().pollInterval();
                })
                .onErrorResume(error -> {
                    int failed = failures.incrementAndGet();
                    failedRounds.increment();
                    resetProducer();
                    Duration backoff = backoff(failed);
                    if (failed == 1 || failed % 10 == 0) {
                        log.warn("Outbox relay could not publish ({} failed rounds), retrying in {}: {}", failed,
                                backoff, error.toString());
                    }
                    return Mono.just(backoff);
                });
    }

    Duration backoff(int failedRounds) {
        long base = properties.relay().initialBackoff().toMillis();
        long max = properties.relay().maxBackoff().toMillis();
        long delay = base << Math.min(failedRounds - 1, 20);
        return Duration.ofMillis(Math.min(Math.max(delay, base), max));
    }

    private void resetProducer() {
        // a broker that restarted may have lost our producer id: start the idempotent producer afresh
        ProducerFactory<String, byte[]> factory = kafka.getProducerFactory();
        factory.reset();
    }

    private Mono<Void> waitFor(Duration delay) {
        if (delay.isZero()) {
            return Mono.empty();
        }
        Mono<Object> wake = failures.get() > 0 ? Mono.never() : wakeUps.asFlux().next().cast(Object.class);
        return Mono.firstWithSignal(Mono.delay(delay).cast(Object.class), wake).then();
    }

    @Override
    public void start() {
        loops = reactor.core.Disposables.composite(
                Mono.defer(this::round).flatMap(this::waitFor).then(Mono.just(1)).repeat().subscribe(),
                Mono.delay(properties.relay().purgeInterval()).flatMap(tick -> purgeOld())
                        .onErrorResume(error -> Mono.empty()).repeat().subscribe());
    }

    @Override
    public void stop() {
        Disposable.Composite current = loops;
        if (current != null) {
            current.dispose();
        }
        loops = null;
    }

    @Override
    public boolean isRunning() {
        return loops != null && !loops.isDisposed();
    }

    @Override
    public int getPhase() {
        // stop before the web server and the connection pool go away
        return SmartLifecycle.DEFAULT_PHASE - 1024;
    }
}
