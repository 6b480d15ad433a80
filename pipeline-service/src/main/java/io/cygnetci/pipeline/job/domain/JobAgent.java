package io.cygnetci.pipeline.job.domain;

import java.util.UUID;

/** The agent calling the job protocol: from its credential's {@code sub}, {@code tid} and {@code jti}. */
public record JobAgent(UUID agentId, UUID tenantId, UUID credentialId) {
}
