package io.cygnetci.tenant.audit.domain;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** One recorded action: who did what to which target, when and from where. */
public record AuditEvent(UUID id, UUID tenantId, UUID actorId, String actorEmail, String action, String targetType,
        String targetId, Map<String, Object> details, String clientAddress, Instant createdAt) {
}
