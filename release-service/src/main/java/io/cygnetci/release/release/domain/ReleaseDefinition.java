package io.cygnetci.release.release.domain;

import java.util.List;
import java.util.UUID;

/** What a user creates a release with. */
public record ReleaseDefinition(String name, String version, String notes, List<UUID> pipelineIds,
        List<Release.Artifact> artifacts) {
}
