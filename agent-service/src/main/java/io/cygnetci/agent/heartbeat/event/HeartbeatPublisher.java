package io.cygnetci.agent.heartbeat.event;

import java.net.URI;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import io.cygnetci.platform.events.CloudEventRecords;
import io.cygnetci.platform.events.config.EventsProperties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Publishes heartbeats straight to Kafka from the request's event loop. Its own producer never blocks
 * ({@code max.block.ms=0}): without topic metadata or buffer space a send fails at once and the heartbeat answers
 * 503, instead of stalling every request on that event loop. Metadata is fetched at start, off the event loop.
 */
@Component
public class HeartbeatPublisher implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(HeartbeatPublisher.class);
    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(5);

    private final Producer<String, byte[]> producer;
    private final JsonMapper json;
    private final URI source;

    public HeartbeatPublisher(KafkaProperties kafka, EventsProperties events, JsonMapper json) {
        Map<String, Object> config = new HashMap<>(kafka.buildProducerProperties());
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 0);
        config.put(ProducerConfig.ACKS_CONFIG, "1");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "heartbeats-" + UUID.randomUUID());
        config.remove(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
        this.producer = new KafkaProducer<>(config, new org.apache.kafka.common.serialization.StringSerializer(),
                new org.apache.kafka.common.serialization.ByteArraySerializer());
        this.json = json;
        this.source = URI.create(events.source());
    }

    public Mono<Void> publish(HeartbeatEvent heartbeat) {
        return Mono.<Void>create(sink -> {
            var record = CloudEventRecords.toRecord(HeartbeatEvent.TOPIC, heartbeat.agentId().toString(),
                    UUID.randomUUID(), source, HeartbeatEvent.TYPE, heartbeat.agentId().toString(),
                    heartbeat.tenantId(), heartbeat.receivedAt().atOffset(ZoneOffset.UTC),
                    json.writeValueAsBytes(heartbeat));
            producer.send(record, (metadata, error) -> {
                if (error == null) {
                    sink.success();
                }
                else {
                    sink.error(error);
                }
            });
        }).timeout(SEND_TIMEOUT);
    }

    /** Loads the topic's metadata before the first heartbeat needs it (this may wait: never on an event loop). */
    @EventListener(ApplicationReadyEvent.class)
    void fetchMetadata() {
        Mono.fromCallable(() -> producer.partitionsFor(HeartbeatEvent.TOPIC))
                .subscribeOn(Schedulers.boundedElastic())
                .retryWhen(reactor.util.retry.Retry.backoff(Long.MAX_VALUE, Duration.ofSeconds(1))
                        .maxBackoff(Duration.ofSeconds(10)))
                .subscribe(partitions -> log.info("Heartbeat topic ready: {} partitions", partitions.size()),
                        ex -> log.warn("Heartbeat topic metadata not loaded: {}", ex.toString()));
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
