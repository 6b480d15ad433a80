package io.cygnetci.release.release.web;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.cygnetci.release.release.domain.Release;
import io.cygnetci.release.release.domain.ReleaseService;
import io.cygnetci.release.release.domain.Stage;

/** A release as the API answers it; {@code stages} only when it is read on its own. */
record ReleaseResponse(UUID id, String name, String version, String notes, String status,
        List<Release.ReleasePipeline> pipelines, List<Release.Artifact> artifacts, List<Stage> stages,
        UUID createdBy, Instant createdAt, Instant updatedAt) {

    static ReleaseResponse of(Release r) {
        return of(r, null);
    }

    static ReleaseResponse of(ReleaseService.Staged staged) {
        return of(staged.release(), staged.stages());
    }

    private static ReleaseResponse of(Release r, List<Stage> stages) {
        return new ReleaseResponse(r.id(), r.name(), r.version(), r.notes(), r.status(), r.pipelines(), r.artifacts(),
                stages, r.createdBy(), r.createdAt(), r.updatedAt());
    }
}
