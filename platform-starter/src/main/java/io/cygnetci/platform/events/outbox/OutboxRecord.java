package io.cygnetci.platform.events.outbox;

import java.time.OffsetDateTime;
import java.util.UUID;

/** One unsent row of the outbox table. */
record OutboxRecord(UUID id, UUID tenantId, String topic, String key, String type, String subject, String payload,
        OffsetDateTime createdAt) {
}
