package io.cygnetci.platform.events.config;

import java.util.ArrayList;
import java.util.List;

import io.cygnetci.platform.data.TenantDatabase;
import io.cygnetci.platform.events.consume.ProcessedEvents;
import io.cygnetci.platform.events.outbox.Outbox;
import io.cygnetci.platform.events.outbox.OutboxRelay;
import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.databind.json.JsonMapper;

import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.TopicPartition;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.support.ExponentialBackOffWithMaxRetries;

/** CloudEvents over Kafka: the transactional outbox and its relay, idempotent consumers, dead-letter topics. */
@AutoConfiguration(afterName = {
        "io.cygnetci.platform.data.config.DataAutoConfiguration",
        "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration",
        "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration" })
@EnableConfigurationProperties(EventsProperties.class)
@ConditionalOnBean(KafkaTemplate.class)
public class EventsAutoConfiguration {

    @Bean
    KafkaAdmin.NewTopics cygnetTopics(EventsProperties properties) {
        List<NewTopic> topics = new ArrayList<>();
        for (String name : properties.topics()) {
            topics.add(TopicBuilder.name(name).partitions(properties.partitions())
                    .replicas(properties.replicationFactor()).build());
            topics.add(TopicBuilder.name(name + ".dlt").partitions(properties.partitions())
                    .replicas(properties.replicationFactor()).build());
        }
        return new KafkaAdmin.NewTopics(topics.toArray(NewTopic[]::new));
    }

    /** Retries a failing record with back-off, then publishes it to {@code <topic>.dlt}. */
    @Bean
    @ConditionalOnMissingBean
    CommonErrorHandler cygnetKafkaErrorHandler(KafkaTemplate<String, byte[]> kafka, EventsProperties properties) {
        DeadLetterPublishingRecoverer recoverer = new DeadLetterPublishingRecoverer(kafka,
                (record, error) -> new TopicPartition(record.topic() + ".dlt", -1));
        ExponentialBackOffWithMaxRetries backOff = new ExponentialBackOffWithMaxRetries(
                properties.consumer().maxRetries());
        backOff.setInitialInterval(properties.consumer().initialBackoff().toMillis());
        backOff.setMaxInterval(properties.consumer().maxBackoff().toMillis());
        backOff.setMultiplier(2.0);
        DefaultErrorHandler handler = new DefaultErrorHandler(recoverer, backOff);
        handler.addNotRetryableExceptions(IllegalArgumentException.class,
                tools.jackson.core.JacksonException.class);
        return handler;
    }

    @org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
    @ConditionalOnBean(TenantDatabase.class)
    static class WithDatabase {

        @Bean
        @ConditionalOnMissingBean
        @ConditionalOnProperty(name = "cygnetci.events.relay.enabled", havingValue = "true", matchIfMissing = true)
        OutboxRelay outboxRelay(TenantDatabase database, KafkaTemplate<String, byte[]> kafka,
                EventsProperties properties, MeterRegistry meters) {
            return new OutboxRelay(database, kafka, properties, meters);
        }

        @Bean
        @ConditionalOnMissingBean
        Outbox outbox(TenantDatabase database, JsonMapper json, org.springframework.beans.factory.ObjectProvider<OutboxRelay> relay) {
            return new Outbox(database.client(), json, relay.getIfAvailable());
        }

        @Bean
        @ConditionalOnMissingBean
        ProcessedEvents processedEvents(TenantDatabase database) {
            return new ProcessedEvents(database);
        }
    }
}
