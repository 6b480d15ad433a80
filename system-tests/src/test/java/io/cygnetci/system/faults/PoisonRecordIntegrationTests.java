package io.cygnetci.system.faults;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import io.cygnetci.system.SharedPlatform;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A record no service can read (not JSON, no CloudEvents headers) on every topic some service of the running
 * platform consumes, found from the broker's consumer groups rather than listed here: each lands in its topic's
 * {@code .dlt}, and every consumer group moves past it, so the records after it are not held up.
 */
@ExtendWith(SharedPlatform.class)
class PoisonRecordIntegrationTests {

    @Test
    void whenAPoisonRecordReachesEveryConsumedTopicThenEachLandsInItsDeadLetterTopicAndEveryConsumerMovesOn()
            throws Exception {
        String bootstrap = SharedPlatform.platform().kafkaBootstrapServers();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            Map<String, Set<String>> groupsByTopic = consumedTopics(admin);
            assertThat(groupsByTopic).as("topics the platform consumes").containsKeys("cygnetci.tenants.v1",
                    "cygnetci.agents.v1", "cygnetci.agent-heartbeats.v1", "cygnetci.pipeline-executions.v1",
                    "cygnetci.releases.v1");

            Map<String, String> keys = new HashMap<>();
            Map<String, RecordMetadata> poisons = new HashMap<>();
            try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap), new StringSerializer(),
                    new ByteArraySerializer())) {
                for (String topic : groupsByTopic.keySet()) {
                    String key = "poison-" + UUID.randomUUID();
                    keys.put(topic, key);
                    poisons.put(topic, producer.send(new ProducerRecord<>(topic, key,
                            "{this is not a cloud event".getBytes(StandardCharsets.UTF_8))).get());
                }
            }

            Map<String, String> deadLettered = awaitDeadLetters(bootstrap, keys);
            assertThat(deadLettered.keySet()).as("topics whose poison reached <topic>.dlt")
                    .containsExactlyInAnyOrderElementsOf(keys.keySet());

            // every group that consumes a topic commits past its poison record
            await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
                List<String> stuck = new ArrayList<>();
                groupsByTopic.forEach((topic, groups) -> groups.forEach(group -> {
                    RecordMetadata poison = poisons.get(topic);
                    TopicPartition partition = new TopicPartition(topic, poison.partition());
                    OffsetAndMetadata committed = committed(admin, group).get(partition);
                    if (committed != null && committed.offset() <= poison.offset()) {
                        stuck.add(group + " on " + partition + " at " + committed.offset());
                    }
                }));
                assertThat(stuck).as("consumer groups still before their poison record").isEmpty();
            });
            System.out.printf("Poison records: %d consumed topics, each poison in its .dlt, %d consumer groups moved "
                    + "past it: %s%n", keys.size(), groupsByTopic.values().stream().mapToInt(Set::size).sum(),
                    new TreeMap<>(groupsByTopic));
        }
    }

    /** Each topic some consumer group of the platform is assigned, with those groups (dead-letter topics aside). */
    private static Map<String, Set<String>> consumedTopics(Admin admin) throws Exception {
        List<String> groups = admin.listConsumerGroups().all().get().stream().map(g -> g.groupId())
                .filter(group -> !group.startsWith("system-tests-")).toList();
        Map<String, Set<String>> topics = new TreeMap<>();
        for (ConsumerGroupDescription group : admin.describeConsumerGroups(groups).all().get().values()) {
            for (MemberDescription member : group.members()) {
                member.assignment().topicPartitions().stream().map(TopicPartition::topic)
                        .filter(topic -> topic.startsWith("cygnetci.") && !topic.endsWith(".dlt"))
                        .forEach(topic -> topics.computeIfAbsent(topic, t -> new TreeSet<>()).add(group.groupId()));
            }
        }
        return topics;
    }

    private static Map<TopicPartition, OffsetAndMetadata> committed(Admin admin, String group) {
        try {
            return admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
        }
        catch (Exception ex) {
            throw new IllegalStateException(ex);
        }
    }

    /** The topics whose poison key showed up in {@code <topic>.dlt}, by topic. */
    private static Map<String, String> awaitDeadLetters(String bootstrap, Map<String, String> keys) {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        properties.put(ConsumerConfig.GROUP_ID_CONFIG, "system-tests-" + UUID.randomUUID());
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        properties.put(ConsumerConfig.METADATA_MAX_AGE_CONFIG, "2000");
        Map<String, String> found = new ConcurrentHashMap<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(properties, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(Pattern.compile("cygnetci\\..*\\.dlt"));
            long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            while (found.size() < keys.size() && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofSeconds(1))) {
                    String source = record.topic().substring(0, record.topic().length() - ".dlt".length());
                    if (record.key() != null && record.key().equals(keys.get(source))) {
                        found.put(source, record.topic());
                    }
                }
            }
        }
        return found;
    }
}
