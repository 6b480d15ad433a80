package io.cygnetci.platform.events.consume;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;

import io.cygnetci.platform.data.TenantDatabase;
import io.cygnetci.platform.events.CloudEventRecords;
import io.cygnetci.platform.events.OutboxEvent;
import io.cygnetci.platform.events.outbox.Outbox;
import io.cygnetci.platform.test.kafka.KafkaServer;
import io.cygnetci.platform.test.kafka.TopicRecorder;
import io.cygnetci.platform.test.kafka.WithKafka;
import io.cygnetci.platform.test.postgres.TestDatabase;
import io.cygnetci.platform.test.postgres.WithPostgres;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.kafka.core.KafkaTemplate;

import static io.cygnetci.platform.test.kafka.TopicRecorder.header;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The outbox, idempotent consumption and dead-lettering against a real broker and a real PostgreSQL. */
@SpringBootTest(classes = ConsumerTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = {
                "spring.application.name=consumer-test",
                "spring.flyway.locations=classpath:db/platform,classpath:db/consumer-test",
                "cygnetci.events.topics=" + ConsumerTestApplication.TOPIC,
                "cygnetci.events.partitions=2",
                "cygnetci.events.consumer.max-retries=2",
                "cygnetci.events.consumer.initial-backoff=100ms",
                "cygnetci.events.consumer.max-backoff=200ms",
                "cygnetci.events.relay.poll-interval=100ms" })
@WithPostgres(service = "consumer_test")
@WithKafka
class EventConsumptionIntegrationTests {

    private static final String TYPE = "io.cygnetci.test.happened.v1";

    @Autowired
    TenantDatabase database;

    @Autowired
    Outbox outbox;

    @Autowired
    KafkaTemplate<String, byte[]> kafka;

    @Autowired
    TestDatabase testDatabase;

    @Autowired
    ConsumerTestApplication.EffectListener listener;

    @Test
    void whenAnEventIsEnqueuedInATenantTransactionThenTheRelayPublishesItAndTheConsumerAppliesIt() throws Exception {
        UUID tenant = UUID.randomUUID();
        UUID subject = UUID.randomUUID();
        try (TopicRecorder recorder = new TopicRecorder(KafkaServer.bootstrapServers(), ConsumerTestApplication.TOPIC)) {
            UUID eventId = database.inTenant(tenant, outbox.enqueue(OutboxEvent.forTenant(ConsumerTestApplication.TOPIC,
                    TYPE, tenant, subject, Map.of("answer", 42)))).block(Duration.ofSeconds(10));

            await().atMost(Duration.ofSeconds(20)).until(() -> !recorder.records(r ->
                    eventId.toString().equals(header(r, "ce_id").orElse(null))).isEmpty());
            var record = recorder.records(r -> eventId.toString().equals(header(r, "ce_id").orElse(null))).get(0);
            assertThat(record.key()).isEqualTo(tenant.toString());
            assertThat(header(record, "ce_type")).contains(TYPE);
            assertThat(header(record, "ce_subject")).contains(subject.toString());
            assertThat(header(record, "ce_tenantid")).contains(tenant.toString());
            assertThat(header(record, "ce_source")).contains("/cygnetci/consumer-test");
            assertThat(new String(record.value(), StandardCharsets.UTF_8)).isEqualTo("{\"answer\": 42}");
            await().atMost(Duration.ofSeconds(20)).until(() -> effects(eventId) == 1);
        }
    }

    @Test
    void whenTheSameEventIsDeliveredTwiceThenItsEffectIsAppliedOnce() throws Exception {
        UUID tenant = UUID.randomUUID();
        UUID eventId = UUID.randomUUID();
        for (int i = 0; i < 2; i++) {
            kafka.send(CloudEventRecords.toRecord(ConsumerTestApplication.TOPIC, tenant.toString(), eventId,
                    URI.create("/cygnetci/test"), TYPE, "s", tenant, OffsetDateTime.now(), "{}".getBytes()))
                    .get();
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> effects(eventId) == 1);
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> effects(eventId) == 1);
        assertThat(processedRecords(eventId)).isEqualTo(1);
    }

    @Test
    void whenTheHandlerKeepsFailingThenTheRecordIsRetriedAndGoesToTheDeadLetterTopic() throws Exception {
        UUID tenant = UUID.randomUUID();
        UUID eventId = UUID.randomUUID();
        try (TopicRecorder dlt = new TopicRecorder(KafkaServer.bootstrapServers(),
                ConsumerTestApplication.TOPIC + ".dlt")) {
            int before = listener.poisonAttempts.get();
            kafka.send(CloudEventRecords.toRecord(ConsumerTestApplication.TOPIC, tenant.toString(), eventId,
                    URI.create("/cygnetci/test"), ConsumerTestApplication.POISON, "s", tenant, OffsetDateTime.now(),
                    "{}".getBytes())).get();
            await().atMost(Duration.ofSeconds(30)).until(() -> !dlt.records(r ->
                    eventId.toString().equals(header(r, "ce_id").orElse(null))).isEmpty());
            // the first delivery and two retries
            assertThat(listener.poisonAttempts.get() - before).isEqualTo(3);
            assertThat(effects(eventId)).isZero();
        }
    }

    @Test
    void whenTheEnqueuingTransactionRollsBackThenNothingIsStoredOrPublished() throws Exception {
        UUID tenant = UUID.randomUUID();
        Mono<UUID> failing = outbox.enqueue(OutboxEvent.forTenant(ConsumerTestApplication.TOPIC, TYPE, tenant,
                "rolled-back", Map.of()))
                .then(Mono.error(new IllegalStateException("the state change failed")));
        try (TopicRecorder recorder = new TopicRecorder(KafkaServer.bootstrapServers(), ConsumerTestApplication.TOPIC)) {
            assertThat(database.inTenant(tenant, failing).onErrorResume(e -> Mono.empty())
                    .block(Duration.ofSeconds(10))).isNull();
            assertThat(count("select count(*) from outbox where tenant_id = '" + tenant + "'")).isZero();
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> recorder.records(r ->
                    tenant.toString().equals(header(r, "ce_tenantid").orElse(null))).isEmpty());
        }
    }

    private long effects(UUID eventId) throws Exception {
        return count("select count(*) from effects where event_id = '" + eventId + "'");
    }

    private long processedRecords(UUID eventId) throws Exception {
        return count("select count(*) from processed_events where event_id = '" + eventId + "'");
    }

    private long count(String sql) throws Exception {
        try (Connection connection = testDatabase.connectAsSuperuser(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
