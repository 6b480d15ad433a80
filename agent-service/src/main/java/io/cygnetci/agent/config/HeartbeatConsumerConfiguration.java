package io.cygnetci.agent.config;

import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerConfig;

import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.listener.CommonErrorHandler;

/**
 * The heartbeat consumer reads in batches: the broker holds a fetch until 256 KB of heartbeats are there or the
 * flush interval has passed, so each database write carries many agents.
 */
@Configuration(proxyBeanMethods = false)
public class HeartbeatConsumerConfiguration {

    public static final String FACTORY = "heartbeatListenerFactory";

    @Bean(FACTORY)
    ConcurrentKafkaListenerContainerFactory<String, byte[]> heartbeatListenerFactory(KafkaProperties kafka,
            CommonErrorHandler errors, AgentProperties properties) {
        Map<String, Object> config = new HashMap<>(kafka.buildConsumerProperties());
        config.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, (int) properties.heartbeatFlushInterval().toMillis());
        config.put(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, 262_144);
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5_000);
        ConcurrentKafkaListenerContainerFactory<String, byte[]> factory = new ConcurrentKafkaListenerContainerFactory<>();
        factory.setConsumerFactory(new DefaultKafkaConsumerFactory<>(config));
        factory.setBatchListener(true);
        factory.setCommonErrorHandler(errors);
        return factory;
    }
}
