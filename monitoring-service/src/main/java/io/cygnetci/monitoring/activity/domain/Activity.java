package io.cygnetci.monitoring.activity.domain;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One line of a tenant's activity feed, in words a person reads ("Agent acme-dev-001 went offline").
 *
 * @param id the id of the event it comes from (a redelivered event adds nothing)
 * @param seq its place in the order activity was recorded (the live stream's position)
 * @param subjectId the agent, pipeline, execution, release, deployment, service or user it is about
 */
public record Activity(UUID id, long seq, UUID tenantId, String kind, String severity, String message,
        UUID subjectId, Instant createdAt) {

    public static final List<String> KINDS = List.of("agent", "pipeline", "execution", "release", "deployment",
            "service", "member");

    public static final String INFO = "info";
    public static final String SUCCESS = "success";
    public static final String WARNING = "warning";
    public static final String ERROR = "error";

    /** An entry to record; its {@code seq} is given by the database. */
    public static Activity of(UUID id, UUID tenantId, String kind, String severity, String message, UUID subjectId,
            Instant at) {
        return new Activity(id, 0, tenantId, kind, severity, message, subjectId, at);
    }
}
