package io.cygnetci.release.deployment.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** One release in one environment: approvals first when the environment asks for them, then its pipelines. */
public record Deployment(UUID id, UUID tenantId, UUID releaseId, UUID environmentId, String environmentName,
        String status, String reason, int requiredApprovals, UUID requestedBy, Instant createdAt, Instant startedAt,
        Instant finishedAt) {

    public static final String AWAITING_APPROVAL = "awaiting_approval";
    public static final String RUNNING = "running";
    public static final String SUCCEEDED = "succeeded";
    public static final String FAILED = "failed";
    public static final String REJECTED = "rejected";
    public static final String CANCELLED = "cancelled";
    public static final List<String> STATUSES = List.of(AWAITING_APPROVAL, RUNNING, SUCCEEDED, FAILED, REJECTED,
            CANCELLED);

    /** Holds the environment's lock. */
    public boolean active() {
        return AWAITING_APPROVAL.equals(status) || RUNNING.equals(status);
    }

    public Long durationMs() {
        return startedAt == null || finishedAt == null ? null : Duration.between(startedAt, finishedAt).toMillis();
    }
}
