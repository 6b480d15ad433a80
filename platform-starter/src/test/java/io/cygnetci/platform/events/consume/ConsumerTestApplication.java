package io.cygnetci.platform.events.consume;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import io.cygnetci.platform.data.TenantDatabase;
import io.cygnetci.platform.events.CloudEventRecords;
import io.cygnetci.platform.events.IncomingEvent;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import reactor.core.publisher.Mono;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.annotation.EnableKafka;
import org.springframework.kafka.annotation.KafkaListener;

/** A minimal service that consumes platform events the way real services do. */
@SpringBootConfiguration
@EnableAutoConfiguration
@EnableKafka
class ConsumerTestApplication {

    static final String TOPIC = "consumer-test.v1";
    static final String POISON = "io.cygnetci.test.poison.v1";

    @Bean
    EffectListener effectListener(ProcessedEvents processed, TenantDatabase database) {
        return new EffectListener(processed, database);
    }

    static class EffectListener {

        final AtomicInteger poisonAttempts = new AtomicInteger();
        private final ProcessedEvents processed;
        private final TenantDatabase database;

        EffectListener(ProcessedEvents processed, TenantDatabase database) {
            this.processed = processed;
            this.database = database;
        }

        // a listener thread, not an event loop: blocking on the unit of work is fine here
        @KafkaListener(topics = TOPIC, groupId = "consumer-test")
        void on(ConsumerRecord<String, byte[]> record) {
            IncomingEvent event = CloudEventRecords.fromRecord(record);
            if (POISON.equals(event.type())) {
                poisonAttempts.incrementAndGet();
                throw new IllegalStateException("cannot handle " + event.id());
            }
            processed.processOnce("consumer-test", event, this::applyEffect).block(Duration.ofSeconds(10));
        }

        private Mono<Long> applyEffect(IncomingEvent event) {
            return database.client().sql("insert into effects (id, tenant_id, event_id, note) values (:id, :tenant, :event, :note)")
                    .bind("id", UUID.randomUUID())
                    .bind("tenant", event.tenantId())
                    .bind("event", event.id())
                    .bind("note", event.type())
                    .fetch().rowsUpdated();
        }
    }
}
