package io.cygnetci.release.deployment.web;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.cygnetci.release.deployment.domain.Approval;
import io.cygnetci.release.deployment.domain.Deployment;
import io.cygnetci.release.deployment.domain.DeploymentRun;
import io.cygnetci.release.deployment.domain.DeploymentService;

/** A deployment as the API answers it; release, pipelines and approvals only when it is read on its own. */
record DeploymentResponse(UUID id, UUID releaseId, String releaseName, String releaseVersion, UUID environmentId,
        String environmentName, String status, String reason, int requiredApprovals, Integer approvalsGiven,
        List<Run> pipelines, List<Decision> approvals, UUID requestedBy, Instant createdAt, Instant startedAt,
        Instant finishedAt, Long durationMs) {

    record Run(UUID pipelineId, String name, UUID executionId, String status, String reason) {
    }

    record Decision(UUID userId, String decision, String comment, Instant createdAt) {
    }

    static DeploymentResponse of(Deployment d) {
        return new DeploymentResponse(d.id(), d.releaseId(), null, null, d.environmentId(), d.environmentName(),
                d.status(), d.reason(), d.requiredApprovals(), null, null, null, d.requestedBy(), d.createdAt(),
                d.startedAt(), d.finishedAt(), d.durationMs());
    }

    static DeploymentResponse of(DeploymentService.Detailed detailed) {
        Deployment d = detailed.deployment();
        List<Decision> decisions = detailed.approvals().stream()
                .map(a -> new Decision(a.userId(), a.decision(), a.comment(), a.createdAt())).toList();
        return new DeploymentResponse(d.id(), d.releaseId(), detailed.release().name(), detailed.release().version(),
                d.environmentId(), d.environmentName(), d.status(), d.reason(), d.requiredApprovals(),
                (int) detailed.approvals().stream().filter(a -> Approval.APPROVED.equals(a.decision())).count(),
                detailed.runs().stream().map(DeploymentResponse::run).toList(), decisions, d.requestedBy(),
                d.createdAt(), d.startedAt(), d.finishedAt(), d.durationMs());
    }

    private static Run run(DeploymentRun r) {
        return new Run(r.pipelineId(), r.pipelineName(), r.executionId(), r.status(), r.reason());
    }
}
