package io.cygnetci.platform.test.kafka;

import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Sends records to the JVM's test broker as another service would: one producer for the whole test JVM. */
public final class TestProducer {

    private TestProducer() {
    }

    /** Sends and waits until the broker has it (a test publishes, then waits for the effect). */
    public static void send(ProducerRecord<String, byte[]> record) {
        try {
            Holder.PRODUCER.send(record).get(30, TimeUnit.SECONDS);
        }
        catch (Exception ex) {
            throw new IllegalStateException("Could not publish to " + record.topic(), ex);
        }
    }

    private static final class Holder {

        static final KafkaProducer<String, byte[]> PRODUCER = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaServer.bootstrapServers()),
                new StringSerializer(), new ByteArraySerializer());
    }
}
