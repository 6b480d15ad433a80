package io.cygnetci.platform.events;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CloudEventRecordsTests {

    private static final String TOPIC = "cygnetci.things.v1";
    private static final String TYPE = "io.cygnetci.thing.done.v1";
    private static final URI SOURCE = URI.create("/cygnetci/thing-service");
    private static final OffsetDateTime TIME = OffsetDateTime.parse("2026-11-23T10:00:00.123456Z");
    private static final byte[] JSON = "{\"answer\":42}".getBytes(StandardCharsets.UTF_8);

    private final UUID id = UUID.randomUUID();
    private final UUID tenant = UUID.randomUUID();

    @Test
    void whenAnEventIsWrittenThenItIsABinaryCloudEventWithCeHeaders() {
        ProducerRecord<String, byte[]> record = record();

        assertThat(record.topic()).isEqualTo(TOPIC);
        assertThat(record.key()).isEqualTo(tenant.toString());
        assertThat(header(record, "ce_specversion")).isEqualTo("1.0");
        assertThat(header(record, "ce_id")).isEqualTo(id.toString());
        assertThat(header(record, "ce_type")).isEqualTo(TYPE);
        assertThat(header(record, "ce_source")).isEqualTo("/cygnetci/thing-service");
        assertThat(header(record, "ce_subject")).isEqualTo("thing-1");
        assertThat(header(record, "ce_tenantid")).isEqualTo(tenant.toString());
        assertThat(OffsetDateTime.parse(header(record, "ce_time")).toInstant()).isEqualTo(TIME.toInstant());
        assertThat(header(record, "content-type")).isEqualTo("application/json");
    }

    @Test
    void whenAnEventIsWrittenThenTheValueIsExactlyTheJsonData() {
        ProducerRecord<String, byte[]> record = record();

        assertThat(record.value()).isEqualTo(JSON);
        assertThat(record.headers()).extracting(Header::key)
                .as("binary mode: no structured envelope, every attribute is a header")
                .doesNotContain("ce_data", "ce_datacontenttype");
    }

    @Test
    void whenTheRecordIsConsumedThenTheEventReadsBack() {
        ProducerRecord<String, byte[]> record = record();

        IncomingEvent event = CloudEventRecords.fromRecord(consumed(record));

        assertThat(event.id()).isEqualTo(id);
        assertThat(event.type()).isEqualTo(TYPE);
        assertThat(event.source()).isEqualTo(SOURCE);
        assertThat(event.subject()).isEqualTo("thing-1");
        assertThat(event.tenantId()).isEqualTo(tenant);
        assertThat(event.time().toInstant()).isEqualTo(TIME.toInstant());
        assertThat(event.topic()).isEqualTo(TOPIC);
        assertThat(event.data()).isEqualTo(JSON);
    }

    @Test
    void whenTheEventHasNoDataThenItReadsBackAsEmptyData() {
        ProducerRecord<String, byte[]> record = CloudEventRecords.toRecord(TOPIC, tenant.toString(), id, SOURCE, TYPE,
                "thing-1", tenant, TIME, new byte[0]);

        IncomingEvent event = CloudEventRecords.fromRecord(consumed(record));

        assertThat(event.id()).isEqualTo(id);
        assertThat(event.data()).isEmpty();
    }

    @Test
    void whenAnEventHasNoTenantThenItIsRefused() {
        ProducerRecord<String, byte[]> record = record();
        record.headers().remove("ce_tenantid");

        assertThatThrownBy(() -> CloudEventRecords.fromRecord(consumed(record)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("tenantid");
    }

    @Test
    void whenTheTenantOrIdIsNotAUuidThenTheEventIsRefused() {
        ProducerRecord<String, byte[]> badTenant = record();
        badTenant.headers().remove("ce_tenantid").add("ce_tenantid", "acme".getBytes(StandardCharsets.UTF_8));
        ProducerRecord<String, byte[]> badId = record();
        badId.headers().remove("ce_id").add("ce_id", "42".getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> CloudEventRecords.fromRecord(consumed(badTenant)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CloudEventRecords.fromRecord(consumed(badId)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private ProducerRecord<String, byte[]> record() {
        return CloudEventRecords.toRecord(TOPIC, tenant.toString(), id, SOURCE, TYPE, "thing-1", tenant, TIME, JSON);
    }

    /** The record as a consumer would receive it: same key, value and headers. */
    private static ConsumerRecord<String, byte[]> consumed(ProducerRecord<String, byte[]> record) {
        byte[] value = record.value();
        return new ConsumerRecord<>(record.topic(), 0, 0L, 0L, TimestampType.CREATE_TIME,
                record.key() == null ? -1 : record.key().length(), value == null ? -1 : value.length, record.key(),
                value, new RecordHeaders(record.headers().toArray()), Optional.empty());
    }

    private static String header(ProducerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        assertThat(header).as("header %s", name).isNotNull();
        return new String(header.value(), StandardCharsets.UTF_8);
    }
}
