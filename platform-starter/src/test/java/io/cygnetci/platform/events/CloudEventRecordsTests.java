package io.cygnetci.platform.events;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CloudEventRecordsTests {

    @Test
    void whenAnEventIsWrittenThenItIsABinaryCloudEventThatReadsBack() {
        UUID id = UUID.randomUUID();
        UUID tenant = UUID.randomUUID();
        ProducerRecord<String, byte[]> record = CloudEventRecords.toRecord("t.v1", tenant.toString(), id,
                URI.create("/cygnetci/test"), "io.cygnetci.thing.done.v1", "thing-1", tenant,
                OffsetDateTime.parse("2026-11-23T10:00:00Z"), "{\"a\":1}".getBytes(StandardCharsets.UTF_8));

        assertThat(header(record, "ce_specversion")).isEqualTo("1.0");
        assertThat(header(record, "ce_id")).isEqualTo(id.toString());
        assertThat(header(record, "ce_type")).isEqualTo("io.cygnetci.thing.done.v1");
        assertThat(header(record, "ce_source")).isEqualTo("/cygnetci/test");
        assertThat(header(record, "ce_subject")).isEqualTo("thing-1");
        assertThat(header(record, "ce_tenantid")).isEqualTo(tenant.toString());
        assertThat(header(record, "content-type")).isEqualTo("application/json");
        assertThat(new String(record.value(), StandardCharsets.UTF_8)).isEqualTo("{\"a\":1}");

        IncomingEvent event = CloudEventRecords.fromRecord(consumed(record));
        assertThat(event.id()).isEqualTo(id);
        assertThat(event.tenantId()).isEqualTo(tenant);
        assertThat(event.subject()).isEqualTo("thing-1");
        assertThat(event.topic()).isEqualTo("t.v1");
        assertThat(new String(event.data(), StandardCharsets.UTF_8)).isEqualTo("{\"a\":1}");
    }

    @Test
    void whenAnEventHasNoTenantThenItIsRefused() {
        ProducerRecord<String, byte[]> record = CloudEventRecords.toRecord("t.v1", "k", UUID.randomUUID(),
                URI.create("/x"), "io.cygnetci.thing.done.v1", "s", UUID.randomUUID(), OffsetDateTime.now(), new byte[0]);
        record.headers().remove("ce_tenantid");
        assertThatThrownBy(() -> CloudEventRecords.fromRecord(consumed(record)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("tenantid");
    }

    private static ConsumerRecord<String, byte[]> consumed(ProducerRecord<String, byte[]> record) {
        return new ConsumerRecord<>(record.topic(), 0, 0L, 0L, TimestampType.CREATE_TIME, 0, record.value().length,
                record.key(), record.value(), new RecordHeaders(record.headers().toArray()), Optional.empty());
    }

    private static String header(ProducerRecord<String, byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
