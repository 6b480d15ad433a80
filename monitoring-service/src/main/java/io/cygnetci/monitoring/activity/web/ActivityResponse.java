package io.cygnetci.monitoring.activity.web;

import java.time.Instant;
import java.util.UUID;

import io.cygnetci.monitoring.activity.domain.Activity;

/** One line of the activity feed. */
record ActivityResponse(UUID id, String kind, String severity, String message, UUID subjectId, Instant occurredAt) {

    static ActivityResponse of(Activity a) {
        return new ActivityResponse(a.id(), a.kind(), a.severity(), a.message(), a.subjectId(), a.createdAt());
    }
}
