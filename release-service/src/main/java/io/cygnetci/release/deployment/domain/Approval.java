package io.cygnetci.release.deployment.domain;

import java.time.Instant;
import java.util.UUID;

/** One user's decision on a deployment waiting for approval. */
public record Approval(UUID deploymentId, UUID userId, String decision, String comment, Instant createdAt) {

    public static final String APPROVED = "approved";
    public static final String REJECTED = "rejected";
}
