package io.cygnetci.platform.events.consume;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import io.cygnetci.platform.data.LeastPrivilegeGuard;
import io.cygnetci.platform.data.TenantDatabase;
import io.cygnetci.platform.events.CloudEventRecords;
import io.cygnetci.platform.events.OutboxEvent;
import io.cygnetci.platform.events.outbox.Outbox;
import io.cygnetci.platform.test.kafka.KafkaServer;
import io.cygnetci.platform.test.kafka.TopicRecorder;
import io.cygnetci.platform.test.kafka.WithKafka;
import io.cygnetci.platform.test.postgres.TestDatabase;
import io.cygnetci.platform.test.postgres.WithPostgres;
import io.cygnetci.platform.testapp.EffectListener;
import io.cygnetci.platform.testapp.StarterTestApplication;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.KafkaHeaders;

import static io.cygnetci.platform.test.kafka.TopicRecorder.header;
import static io.cygnetci.platform.testapp.StarterTestApplication.DEAD_LETTER_TOPIC;
import static io.cygnetci.platform.testapp.StarterTestApplication.TOPIC;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The starter's event support against a real Kafka broker and a real PostgreSQL, through a small service
 * ({@link StarterTestApplication}) that runs as a least-privileged role under Row-Level Security: the outbox and its
 * relay, idempotent consumption, retries then the dead-letter topic, and rolled-back transactions.
 */
@SpringBootTest(classes = StarterTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.NONE)
@WithPostgres(service = "starter_test")
@WithKafka
class EventConsumptionIntegrationTests {

    private static final String HAPPENED = "io.cygnetci.test.happened.v1";
    private static final Duration ARRIVAL = Duration.ofSeconds(20);

    private final JsonMapper json = JsonMapper.builder().build();

    @Autowired
    TenantDatabase database;

    @Autowired
    Outbox outbox;

    @Autowired
    KafkaTemplate<String, byte[]> kafka;

    @Autowired
    TestDatabase testDatabase;

    @Autowired
    EffectListener listener;

    @Autowired
    ApplicationContext context;

    @Test
    void whenOutboxEventIsEnqueuedInATenantTransactionThenRelayPublishesItAsABinaryCloudEvent() throws Exception {
        UUID tenant = UUID.randomUUID();
        UUID subject = UUID.randomUUID();
        try (TopicRecorder recorder = new TopicRecorder(KafkaServer.bootstrapServers(), TOPIC)) {
            UUID eventId = database.inTenant(tenant, outbox.enqueue(OutboxEvent.forTenant(TOPIC, HAPPENED, tenant,
                    subject, Map.of("answer", 42)))).block(Duration.ofSeconds(10));
            assertThat(eventId).isNotNull();

            ConsumerRecord<String, byte[]> record = await().atMost(ARRIVAL)
                    .until(() -> withId(recorder.records(), eventId), records -> !records.isEmpty()).get(0);

            assertThat(record.key()).as("keyed by tenant").isEqualTo(tenant.toString());
            assertThat(header(record, "ce_specversion")).contains("1.0");
            assertThat(header(record, "ce_type")).contains(HAPPENED);
            assertThat(header(record, "ce_source")).contains("/cygnetci/starter-test");
            assertThat(header(record, "ce_subject")).contains(subject.toString());
            assertThat(header(record, "ce_tenantid")).contains(tenant.toString());
            assertThat(header(record, "ce_time")).isPresent();
            assertThat(header(record, "content-type")).contains("application/json");
            assertThat(json.readTree(record.value())).isEqualTo(json.readTree("{\"answer\":42}"));

            await().atMost(ARRIVAL).until(() -> count("select count(*) from outbox where id = ? and sent_at is not null",
                    eventId) == 1);
            // and the service's own consumer applied it
            await().atMost(ARRIVAL).until(() -> effects(eventId) == 1);
        }
    }

    @Test
    void whenSameEventIsDeliveredTwiceThenEffectIsAppliedOnce() throws Exception {
        UUID tenant = UUID.randomUUID();
        UUID eventId = UUID.randomUUID();
        OffsetDateTime time = OffsetDateTime.now();

        // two records (a producer seals a record's headers once sent), one event: same id, same content
        for (int delivery = 0; delivery < 2; delivery++) {
            kafka.send(CloudEventRecords.toRecord(TOPIC, tenant.toString(), eventId, URI.create("/cygnetci/test"),
                    HAPPENED, "thing-1", tenant, time, "{}".getBytes(StandardCharsets.UTF_8))).get(10, TimeUnit.SECONDS);
        }

        await().atMost(ARRIVAL).until(() -> listener.outcomes(eventId).size() == 2);
        assertThat(listener.outcomes(eventId)).as("applied, then recognised as processed").containsExactly(true, false);
        assertThat(effects(eventId)).isEqualTo(1);
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> effects(eventId) == 1);
        assertThat(count("select count(*) from processed_events where event_id = ? and consumer = '"
                + EffectListener.CONSUMER + "'", eventId)).isEqualTo(1);

        // the effect is the tenant's alone: the runtime role sees it only within that tenant's scope
        assertThat(effectsSeenBy(tenant, eventId)).isEqualTo(1);
        assertThat(effectsSeenBy(UUID.randomUUID(), eventId)).isZero();
    }

    @Test
    void whenHandlerKeepsFailingThenRecordGoesToDeadLetterTopic() throws Exception {
        UUID tenant = UUID.randomUUID();
        UUID poisonId = UUID.randomUUID();
        try (TopicRecorder dlt = new TopicRecorder(KafkaServer.bootstrapServers(), DEAD_LETTER_TOPIC)) {
            kafka.send(CloudEventRecords.toRecord(TOPIC, tenant.toString(), poisonId, URI.create("/cygnetci/test"),
                    StarterTestApplication.POISON, "thing-1", tenant, OffsetDateTime.now(),
                    "{\"poison\":true}".getBytes(StandardCharsets.UTF_8))).get(10, TimeUnit.SECONDS);

            ConsumerRecord<String, byte[]> dead = await().atMost(Duration.ofSeconds(25))
                    .until(() -> withId(dlt.records(), poisonId), records -> !records.isEmpty()).get(0);

            // max-retries: 2, so the first delivery and two retries; each failed effect rolled back its
            // processed_events row, which is why every retry ran the handler again
            assertThat(listener.deliveries(poisonId)).isEqualTo(3);
            assertThat(effects(poisonId)).isZero();
            assertThat(count("select count(*) from processed_events where event_id = ?", poisonId)).isZero();
            assertThat(dead.key()).isEqualTo(tenant.toString());
            assertThat(header(dead, "ce_tenantid")).contains(tenant.toString());
            assertThat(header(dead, "ce_type")).contains(StarterTestApplication.POISON);
            assertThat(header(dead, KafkaHeaders.DLT_ORIGINAL_TOPIC)).contains(TOPIC);
            assertThat(new String(dead.value(), StandardCharsets.UTF_8)).isEqualTo("{\"poison\":true}");
        }

        // the partition moves on: a later event of the same tenant is still applied
        UUID nextId = UUID.randomUUID();
        kafka.send(CloudEventRecords.toRecord(TOPIC, tenant.toString(), nextId, URI.create("/cygnetci/test"), HAPPENED,
                "thing-2", tenant, OffsetDateTime.now(), "{}".getBytes(StandardCharsets.UTF_8))).get(10, TimeUnit.SECONDS);
        await().atMost(ARRIVAL).until(() -> effects(nextId) == 1);
    }

    @Test
    void whenRecordIsNotATenantsCloudEventThenItGoesToDeadLetterTopicWithoutRetries() throws Exception {
        UUID eventId = UUID.randomUUID();
        ProducerRecord<String, byte[]> record = CloudEventRecords.toRecord(TOPIC, "no-tenant", eventId,
                URI.create("/cygnetci/test"), HAPPENED, "thing-1", UUID.randomUUID(), OffsetDateTime.now(),
                "{}".getBytes(StandardCharsets.UTF_8));
        record.headers().remove("ce_tenantid");
        try (TopicRecorder dlt = new TopicRecorder(KafkaServer.bootstrapServers(), DEAD_LETTER_TOPIC)) {
            kafka.send(record).get(10, TimeUnit.SECONDS);

            await().atMost(ARRIVAL).until(() -> withId(dlt.records(), eventId), records -> !records.isEmpty());

            assertThat(listener.deliveries(eventId)).as("an invalid event is not retried").isEqualTo(1);
            assertThat(effects(eventId)).isZero();
        }
    }

    @Test
    void whenEnqueueTransactionRollsBackThenNothingIsPublished() throws Exception {
        UUID tenant = UUID.randomUUID();
        Mono<UUID> failing = outbox.enqueue(OutboxEvent.forTenant(TOPIC, HAPPENED, tenant, "rolled-back", Map.of()))
                .then(Mono.error(new IllegalStateException("the state change failed")));

        try (TopicRecorder recorder = new TopicRecorder(KafkaServer.bootstrapServers(), TOPIC)) {
            StepVerifier.create(database.inTenant(tenant, failing))
                    .expectErrorMessage("the state change failed")
                    .verify(Duration.ofSeconds(10));
            assertThat(count("select count(*) from outbox where tenant_id = ?", tenant)).isZero();

            // A committed event of the same tenant (same key, so same partition) enqueued afterwards: the relay
            // publishes in outbox order, so once it has arrived an earlier event would have arrived before it.
            UUID committed = database.inTenant(tenant, outbox.enqueue(OutboxEvent.forTenant(TOPIC, HAPPENED, tenant,
                    "committed", Map.of()))).block(Duration.ofSeconds(10));
            await().atMost(ARRIVAL).until(() -> withId(recorder.records(), committed), records -> !records.isEmpty());

            List<String> subjects = recorder.records(r -> tenant.toString().equals(header(r, "ce_tenantid").orElse(null)))
                    .stream().map(r -> header(r, "ce_subject").orElse(null)).toList();
            assertThat(subjects).containsExactly("committed");
            assertThat(count("select count(*) from outbox where tenant_id = ?", tenant)).isEqualTo(1);
        }
    }

    @Test
    void whenHousekeepingRunsThenOnlySentOutboxRowsAndProcessedEventsPastTheirRetentionAreDeleted() throws Exception {
        UUID tenant = UUID.randomUUID();
        UUID oldEvent = UUID.randomUUID();
        UUID recentEvent = UUID.randomUUID();
        UUID oldSent = UUID.randomUUID();
        UUID oldUnsent = UUID.randomUUID();
        try (Connection admin = testDatabase.connectAsSuperuser(); Statement sql = admin.createStatement()) {
            sql.execute("insert into processed_events (consumer, event_id, tenant_id, event_type, processed_at) values "
                    + "('c', '" + oldEvent + "', '" + tenant + "', 't', now() - interval '15 days'), "
                    + "('c', '" + recentEvent + "', '" + tenant + "', 't', now() - interval '13 days')");
            sql.execute("insert into outbox (id, tenant_id, topic, message_key, event_type, subject, payload, sent_at) "
                    + "values ('" + oldSent + "', '" + tenant + "', 'x', 'k', 't', 's', '{}', now() - interval '8 days'), "
                    + "('" + oldUnsent + "', '" + tenant + "', 'x', 'k', 't', 's', '{}', null)");
        }

        context.getBean(io.cygnetci.platform.events.outbox.OutboxRelay.class).purgeOld().block(ARRIVAL);

        try (Connection admin = testDatabase.connectAsSuperuser(); Statement sql = admin.createStatement()) {
            assertThat(ids(sql, "select event_id as id from processed_events where tenant_id = '" + tenant + "'"))
                    .containsExactly(recentEvent);
            assertThat(ids(sql, "select id from outbox where tenant_id = '" + tenant + "'")).containsExactly(oldUnsent);
        }
    }

    private static List<UUID> ids(Statement sql, String query) throws SQLException {
        List<UUID> ids = new java.util.ArrayList<>();
        try (ResultSet rows = sql.executeQuery(query)) {
            while (rows.next()) {
                ids.add(rows.getObject("id", UUID.class));
            }
        }
        return ids;
    }

    @Test
    void whenTheServiceStartsThenItRunsAsALeastPrivilegedRoleUnderRowLevelSecurity() throws Exception {
        assertThat(context.getBeanProvider(LeastPrivilegeGuard.class).getIfAvailable())
                .as("the guard is on and the context started").isNotNull();
        UUID tenant = UUID.randomUUID();
        UUID eventId = UUID.randomUUID();
        try (Connection admin = testDatabase.connectAsSuperuser();
                PreparedStatement insert = admin.prepareStatement(
                        "insert into effects (id, tenant_id, event_id, note) values (?, ?, ?, 'seeded')")) {
            insert.setObject(1, UUID.randomUUID());
            insert.setObject(2, tenant);
            insert.setObject(3, eventId);
            insert.executeUpdate();
        }

        try (Connection runtime = testDatabase.connectAsRuntimeRole(); Statement sql = runtime.createStatement()) {
            try (ResultSet rows = sql.executeQuery("select count(*) from effects where event_id = '" + eventId + "'")) {
                rows.next();
                assertThat(rows.getLong(1)).as("without a tenant context nothing is visible").isZero();
            }
        }
        assertThat(effectsSeenBy(tenant, eventId)).isEqualTo(1);
        assertThat(effectsSeenBy(UUID.randomUUID(), eventId)).isZero();
    }

    private static List<ConsumerRecord<String, byte[]>> withId(List<ConsumerRecord<String, byte[]>> records, UUID id) {
        return records.stream().filter(r -> id.toString().equals(header(r, "ce_id").orElse(null))).toList();
    }

    /** Effects of the event as the service's runtime role sees them within one tenant's transaction. */
    private long effectsSeenBy(UUID tenant, UUID eventId) {
        Long seen = database.inTenant(tenant, database.client()
                .sql("select count(*) as n from effects where event_id = :event")
                .bind("event", eventId)
                .map(row -> row.get("n", Long.class)).one()).block(Duration.ofSeconds(10));
        return seen == null ? -1 : seen;
    }

    private long effects(UUID eventId) throws SQLException {
        return count("select count(*) from effects where event_id = ?", eventId);
    }

    /** Counts as a superuser, which Row-Level Security does not restrict. */
    private long count(String sql, UUID parameter) throws SQLException {
        try (Connection connection = testDatabase.connectAsSuperuser();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setObject(1, parameter);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }
}
