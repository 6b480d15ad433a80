package io.cygnetci.platform.test.kafka;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;

import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * The one Kafka broker of a test JVM: Testcontainers' Kafka when a Docker engine is available, otherwise the
 * embedded KRaft broker of spring-kafka-test. Tests see only its bootstrap servers, so they run on either.
 */
public final class KafkaServer {

    private static final Logger log = LoggerFactory.getLogger(KafkaServer.class);
    private static volatile String bootstrapServers;

    private KafkaServer() {
    }

    public static String bootstrapServers() {
        String servers = bootstrapServers;
        if (servers == null) {
            synchronized (KafkaServer.class) {
                servers = bootstrapServers;
                if (servers == null) {
                    servers = start();
                    bootstrapServers = servers;
                }
            }
        }
        return servers;
    }

    private static String start() {
        if (dockerAvailable()) {
            KafkaContainer container = new KafkaContainer("apache/kafka:4.1.1");
            container.start();
            Runtime.getRuntime().addShutdownHook(new Thread(container::stop));
            log.info("Tests use a Testcontainers Kafka");
            return container.getBootstrapServers();
        }
        EmbeddedKafkaKraftBroker broker = embeddedBroker();
        Runtime.getRuntime().addShutdownHook(new Thread(broker::destroy));
        log.info("Tests use an embedded KRaft broker at {}", broker.getBrokersAsString());
        return broker.getBrokersAsString();
    }

    /**
     * Starts an embedded KRaft broker of its own on a free port, for tests that need a broker to appear or vanish
     * (see {@link TcpForwarder}); the caller destroys it.
     */
    public static EmbeddedKafkaKraftBroker embeddedBroker() {
        EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, 2);
        broker.brokerProperty("auto.create.topics.enable", "true");
        broker.brokerProperty("group.initial.rebalance.delay.ms", "0");
        broker.afterPropertiesSet();
        return broker;
    }

    private static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        }
        catch (Throwable ex) {
            return false;
        }
    }
}
