package io.cygnetci.release.release.domain;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A release: a snapshot of a version, its pipelines and its artifacts; only its status changes. */
public record Release(UUID id, UUID tenantId, String name, String version, String notes,
        List<ReleasePipeline> pipelines, List<Artifact> artifacts, String status, UUID createdBy, Instant createdAt,
        Instant updatedAt) {

    public static final String CREATED = "created";
    public static final String IN_PROGRESS = "in_progress";
    public static final String COMPLETED = "completed";
    public static final List<String> STATUSES = List.of(CREATED, IN_PROGRESS, COMPLETED);

    /** A pipeline the release runs in every environment, with its name when the release was created. */
    public record ReleasePipeline(UUID pipelineId, String name) {
    }

    public record Artifact(String name, String uri, String sha256) {
    }
}
