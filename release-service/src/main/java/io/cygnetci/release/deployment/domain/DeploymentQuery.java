package io.cygnetci.release.deployment.domain;

import java.util.UUID;

/** Filters of a deployment list, each null when not given. */
public record DeploymentQuery(UUID releaseId, UUID environmentId, String status) {
}
