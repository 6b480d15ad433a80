package io.cygnetci.release.release.domain;

import java.time.Instant;
import java.util.UUID;

/**
 * A release in one environment: its newest deployment there ({@code status} {@code not_deployed} without one), and
 * whether it may be deployed there now as far as promotion order goes.
 */
public record Stage(UUID environmentId, String environmentName, int position, int requiredApprovals, boolean frozen,
        String status, UUID deploymentId, Instant finishedAt, boolean promotable) {

    public static final String NOT_DEPLOYED = "not_deployed";
}
