package io.cygnetci.system.faults;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import io.cygnetci.system.GatewayClient;
import io.cygnetci.system.LocalPlatform;
import io.cygnetci.system.SandboxTenant;
import io.cygnetci.system.SharedPlatform;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The Kafka broker stops answering in the middle of a run of writes (its process is suspended: every client's
 * requests time out, as with a broker that crashed or was cut off). The writes still succeed, their events wait in
 * the services' outboxes, and once the broker is back every event arrives, counted by id, and no read model applies
 * one twice.
 */
@ExtendWith(SharedPlatform.class)
class KafkaOutageIntegrationTests {

    private static final int WRITES = 20;
    private static final Duration OUTAGE = Duration.ofSeconds(20);

    private final GatewayClient gateway = new GatewayClient();

    @Test
    void whenTheBrokerStopsDuringARunOfWritesThenEveryEventArrivesAfterItsReturnAndNoneTwiceInAReadModel()
            throws Exception {
        LocalPlatform platform = SharedPlatform.platform();
        SandboxTenant.Minimal tenant = SandboxTenant.minimal(gateway, "outage");
        String admin = tenant.adminToken();
        ProcessHandle broker = platform.kafkaProcess();
        List<String> pipelines = new ArrayList<>();
        Map<String, String> names = new HashMap<>();

        signal("STOP", broker);
        long stoppedAt = System.nanoTime();
        try {
            for (int i = 0; i < WRITES; i++) {
                String name = "Outage " + tenant.slug() + " " + i;
                String id = gateway.call("POST", "/api/v1/pipelines", admin, Map.of("name", name,
                        "steps", List.of(Map.of("name", "Build", "command", "echo " + i))), 201).get("id").asString();
                pipelines.add(id);
                names.put(id, name);
            }
            long left = OUTAGE.toNanos() - (System.nanoTime() - stoppedAt);
            if (left > 0) {
                TimeUnit.NANOSECONDS.sleep(left);
            }
            // nothing travelled while the broker was away
            assertThat(statistics(admin, tenant.id()).at("/pipelines/total").asInt()).isZero();
        }
        finally {
            signal("CONT", broker);
        }

        long resumed = System.nanoTime();
        await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() ->
                assertThat(statistics(admin, tenant.id()).at("/pipelines/total").asInt()).isEqualTo(WRITES));
        long caughtUp = (System.nanoTime() - resumed) / 1_000_000_000;
        // release-service's read model knows each of them
        AtomicReference<JsonNode> release = new AtomicReference<>();
        await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> release.set(
                gateway.call("POST", "/api/v1/releases", admin, Map.of("name", "After the outage",
                        "version", "1.0.0", "pipeline_ids", pipelines), 201)));
        assertThat(release.get().get("pipelines")).hasSize(WRITES);

        Map<String, Integer> eventsByPipeline = createdEvents(platform.kafkaBootstrapServers(), tenant.id());
        assertThat(eventsByPipeline.keySet()).as("a created event for every pipeline written during the outage")
                .containsExactlyInAnyOrderElementsOf(pipelines);

        // hold on a while: a duplicate applied late would show now
        await().during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            assertThat(statistics(admin, tenant.id()).at("/pipelines/total").asInt()).isEqualTo(WRITES);
            List<String> created = new ArrayList<>();
            gateway.call("GET", "/api/v1/activity?kind=pipeline&limit=200", admin, null, 200).get("items")
                    .forEach(item -> created.add(item.get("subject_id").asString()));
            assertThat(created).as("one activity entry per pipeline").containsExactlyInAnyOrderElementsOf(pipelines);
        });
        System.out.printf("Kafka outage: %d writes during %d s without a broker, statistics caught up %d s after it "
                + "came back, %d created events, each pipeline counted once by statistics and activity%n", WRITES,
                OUTAGE.toSeconds(), caughtUp, eventsByPipeline.values().stream().mapToInt(Integer::intValue).sum());
    }

    private JsonNode statistics(String token, String tenant) {
        return gateway.call("GET", "/api/v1/tenants/" + tenant + "/statistics", token, null, 200);
    }

    /** The {@code pipeline.created} events of the tenant on the topic, by subject: how many distinct event ids each. */
    private static Map<String, Integer> createdEvents(String bootstrap, String tenant) {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        properties.put(ConsumerConfig.GROUP_ID_CONFIG, "system-tests-" + UUID.randomUUID());
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        Map<String, Set<String>> ids = new HashMap<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(properties, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of("cygnetci.pipelines.v1"));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            int idle = 0;
            while (System.nanoTime() < deadline && idle < 3) {
                var records = consumer.poll(Duration.ofSeconds(1));
                idle = records.isEmpty() && !consumer.assignment().isEmpty() ? idle + 1 : 0;
                for (ConsumerRecord<String, byte[]> record : records) {
                    if (tenant.equals(header(record, "ce_tenantid"))
                            && String.valueOf(header(record, "ce_type")).endsWith(".created.v1")) {
                        ids.computeIfAbsent(header(record, "ce_subject"), s -> new java.util.HashSet<>())
                                .add(header(record, "ce_id"));
                    }
                }
            }
        }
        Map<String, Integer> counts = new HashMap<>();
        ids.forEach((subject, events) -> counts.put(subject, events.size()));
        assertThat(counts.values()).as("distinct created events per pipeline").allMatch(count -> count == 1);
        return counts;
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static void signal(String signal, ProcessHandle process) throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + signal, String.valueOf(process.pid())).inheritIO().start();
        assertThat(kill.waitFor()).as("kill -" + signal).isZero();
    }
}
