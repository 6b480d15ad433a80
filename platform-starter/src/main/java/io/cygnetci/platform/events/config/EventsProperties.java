package io.cygnetci.platform.events.config;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Event publishing and consuming.
 *
 * @param source the CloudEvents {@code source}, {@code /cygnetci/<service>}
 * @param topics topics this service owns: created at start-up with their {@code .dlt} twins
 * @param partitions partitions of created topics
 * @param replicationFactor replication of created topics
 * @param relay the outbox relay
 * @param consumer consumer retries before a record goes to {@code <topic>.dlt}
 */
@ConfigurationProperties("cygnetci.events")
public record EventsProperties(String source, List<String> topics, Integer partitions, Short replicationFactor,
        Relay relay, Consumer consumer) {

    public EventsProperties {
        source = source == null ? "/cygnetci/service" : source;
        topics = topics == null ? List.of() : List.copyOf(topics);
        partitions = partitions == null ? 6 : partitions;
        replicationFactor = replicationFactor == null ? 1 : replicationFactor;
        relay = relay == null ? new Relay(null, null, null, null, null, null, null, null) : relay;
        consumer = consumer == null ? new Consumer(null, null, null, null) : consumer;
    }

    public record Relay(Boolean enabled, Integer batchSize, Duration pollInterval, Duration sendTimeout,
            Duration initialBackoff, Duration maxBackoff, Duration retention, Duration purgeInterval) {

        public Relay {
            enabled = enabled == null || enabled;
            batchSize = batchSize == null ? 100 : batchSize;
            pollInterval = pollInterval == null ? Duration.ofMillis(500) : pollInterval;
            sendTimeout = sendTimeout == null ? Duration.ofSeconds(15) : sendTimeout;
            initialBackoff = initialBackoff == null ? Duration.ofMillis(500) : initialBackoff;
            maxBackoff = maxBackoff == null ? Duration.ofSeconds(30) : maxBackoff;
            retention = retention == null ? Duration.ofDays(7) : retention;
            purgeInterval = purgeInterval == null ? Duration.ofMinutes(10) : purgeInterval;
        }
    }

    /**
     * @param processedRetention how long the record of a processed event is kept: longer than a topic keeps its
     *        records, so every redelivery still finds it
     */
    public record Consumer(Integer maxRetries, Duration initialBackoff, Duration maxBackoff,
            Duration processedRetention) {

        public Consumer {
            maxRetries = maxRetries == null ? 4 : maxRetries;
            initialBackoff = initialBackoff == null ? Duration.ofMillis(500) : initialBackoff;
            maxBackoff = maxBackoff == null ? Duration.ofSeconds(10) : maxBackoff;
            processedRetention = processedRetention == null ? Duration.ofDays(14) : processedRetention;
        }
    }
}
