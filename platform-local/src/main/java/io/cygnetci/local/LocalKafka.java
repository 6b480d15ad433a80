package io.cygnetci.local;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * The platform's Kafka: the brokers named by {@code KAFKA_BOOTSTRAP_SERVERS}, or an embedded single-node KRaft
 * broker (its log lives in a temporary directory: topics start empty on every run).
 */
final class LocalKafka implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LocalKafka.class);

    private final EmbeddedKafkaKraftBroker broker;
    private final String bootstrapServers;

    private LocalKafka(EmbeddedKafkaKraftBroker broker, String bootstrapServers) {
        this.broker = broker;
        this.bootstrapServers = bootstrapServers;
    }

    static LocalKafka start() {
        String external = System.getenv("KAFKA_BOOTSTRAP_SERVERS");
        if (external != null && !external.isBlank()) {
            log.info("Using the Kafka brokers named by KAFKA_BOOTSTRAP_SERVERS");
            return new LocalKafka(null, external);
        }
        log.info("Starting an embedded KRaft Kafka broker");
        EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, 3);
        broker.brokerProperty("auto.create.topics.enable", "true");
        broker.brokerProperty("group.initial.rebalance.delay.ms", "0");
        broker.afterPropertiesSet();
        return new LocalKafka(broker, broker.getBrokersAsString());
    }

    String bootstrapServers() {
        return bootstrapServers;
    }

    @Override
    public void close() {
        if (broker != null) {
            broker.destroy();
        }
    }
}
