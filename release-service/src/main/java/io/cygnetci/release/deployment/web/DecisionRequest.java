package io.cygnetci.release.deployment.web;

import jakarta.validation.constraints.Size;

/** An approver's comment: optional to approve, required to reject. */
record DecisionRequest(@Size(max = 2000) String comment) {

    String trimmed() {
        return comment == null || comment.isBlank() ? null : comment.trim();
    }
}
