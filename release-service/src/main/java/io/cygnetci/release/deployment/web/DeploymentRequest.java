package io.cygnetci.release.deployment.web;

import java.util.UUID;

import jakarta.validation.constraints.NotNull;

/** Deploy the release to this environment. */
record DeploymentRequest(@NotNull UUID environmentId) {
}
