package io.cygnetci.monitoring.check.domain;

import java.time.Instant;
import java.util.UUID;

/** One run of a check: healthy, warning (slower than its threshold) or down, how long it took and why it failed. */
public record CheckResult(UUID id, UUID serviceId, String status, Integer responseMs, String error,
        Instant checkedAt) {
}
