package io.cygnetci.release.pipeline;

import java.util.UUID;

/** What release-service knows of a pipeline: enough to let a release name it. */
public record PipelineView(UUID pipelineId, UUID tenantId, String name, boolean deleted) {
}
