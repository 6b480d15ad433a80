package io.cygnetci.gateway.usage;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import io.cygnetci.platform.events.CloudEventRecords;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.kafka.core.KafkaTemplate;

/**
 * Counts the API requests each tenant's bucket admitted, per minute, and publishes each closed minute's count on
 * {@code cygnetci.api-requests.v1} (monitoring-service meters them for billing). Counts live in memory: a replica
 * that crashes loses at most its unpublished minutes; one that stops gracefully publishes them first. Each record's
 * id is derived from this replica, the tenant and the minute, so a resend is recognised as the same record.
 */
public class ApiRequestCounter {

    public static final String TOPIC = "cygnetci.api-requests.v1";
    public static final String TYPE = "io.cygnetci.gateway.requests-counted.v1";
    private static final URI SOURCE = URI.create("/cygnetci/gateway");
    private static final Duration MINUTE = Duration.ofMinutes(1);
    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(10);

    private final KafkaTemplate<String, byte[]> kafka;
    private final JsonMapper json;
    private final Clock clock;
    private final UUID replica = UUID.randomUUID();
    private final Map<Key, LongAdder> counts = new ConcurrentHashMap<>();

    public ApiRequestCounter(KafkaTemplate<String, byte[]> kafka, JsonMapper json, Clock clock) {
        this.kafka = kafka;
        this.json = json;
        this.clock = clock;
    }

    public void count(UUID tenantId) {
        counts.computeIfAbsent(new Key(tenantId, minuteOf(clock.instant())), k -> new LongAdder()).increment();
    }

    /** Publishes the minutes that have ended; a count that cannot be sent is kept for the next round. */
    public Mono<Integer> publishClosed() {
        return publish(minuteOf(clock.instant()));
    }

    /** Publishes every count, the running minute's too (the gateway is stopping). */
    public Mono<Integer> publishAll() {
        return publish(Instant.MAX);
    }

    private Mono<Integer> publish(Instant before) {
        List<Map.Entry<Key, Long>> due = new ArrayList<>();
        for (Key key : List.copyOf(counts.keySet())) {
            if (key.minute().isBefore(before)) {
                LongAdder adder = counts.remove(key);
                if (adder != null && adder.sum() > 0) {
                    due.add(Map.entry(key, adder.sum()));
                }
            }
        }
        return Flux.fromIterable(due).flatMap(entry -> send(entry.getKey(), entry.getValue())
                .thenReturn(1)
                .onErrorResume(ex -> {
                    counts.computeIfAbsent(entry.getKey(), k -> new LongAdder()).add(entry.getValue());
                    return Mono.just(0);
                }))
                .reduce(0, Integer::sum);
    }

    private Mono<Void> send(Key key, long requests) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("tenant_id", key.tenantId().toString());
        data.put("requests", requests);
        data.put("window_start", key.minute().toString());
        data.put("window_end", key.minute().plus(MINUTE).toString());
        data.put("gateway_replica", replica.toString());
        data.put("occurred_at", clock.instant().toString());
        UUID id = UUID.nameUUIDFromBytes(("cygnetci.api-requests:" + replica + ':' + key.tenantId() + ':'
                + key.minute()).getBytes(StandardCharsets.UTF_8));
        return Mono.fromCallable(() -> json.writeValueAsBytes(data))
                .flatMap(payload -> Mono.fromFuture(() -> kafka.send(CloudEventRecords.toRecord(TOPIC,
                        key.tenantId().toString(), id, SOURCE, TYPE, key.tenantId().toString(), key.tenantId(),
                        clock.instant().atOffset(ZoneOffset.UTC), payload))))
                .timeout(SEND_TIMEOUT)
                .then();
    }

    private static Instant minuteOf(Instant at) {
        return Instant.ofEpochSecond(Math.floorDiv(at.getEpochSecond(), 60) * 60);
    }

    private record Key(UUID tenantId, Instant minute) {
    }
}
