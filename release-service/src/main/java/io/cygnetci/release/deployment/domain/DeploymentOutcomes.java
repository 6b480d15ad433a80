package io.cygnetci.release.deployment.domain;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import io.cygnetci.platform.data.TenantDatabase;
import io.cygnetci.platform.events.outbox.Outbox;
import io.cygnetci.release.deployment.event.DeploymentEvents;
import io.cygnetci.release.environment.domain.Environment;
import io.cygnetci.release.environment.domain.EnvironmentRepository;
import io.cygnetci.release.release.domain.Release;
import io.cygnetci.release.release.domain.ReleaseRepository;
import io.cygnetci.release.release.event.ReleaseEvents;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

/**
 * Ends running deployments from what their executions report: failed as soon as one pipeline did not succeed,
 * succeeded when all did. A release whose deployment to the last environment succeeds is completed. Reports on a
 * deployment that has already ended change nothing.
 */
@Component
public class DeploymentOutcomes {

    private final TenantDatabase database;
    private final DeploymentRepository deployments;
    private final ReleaseRepository releases;
    private final EnvironmentRepository environments;
    private final Outbox outbox;
    private final Clock clock;

    public DeploymentOutcomes(TenantDatabase database, DeploymentRepository deployments, ReleaseRepository releases,
            EnvironmentRepository environments, Outbox outbox, Clock clock) {
        this.database = database;
        this.deployments = deployments;
        this.releases = releases;
        this.environments = environments;
        this.outbox = outbox;
        this.clock = clock;
    }

    /** Applies the report inside the caller's transaction of the report's tenant; answers the deployment if it ended. */
    public Mono<Deployment> apply(ExecutionReport report) {
        return deployments.lock(report.deploymentId())
                .filter(d -> Deployment.RUNNING.equals(d.status()))
                .flatMap(d -> deployments.updateRun(d.id(), report.pipelineId(), report.executionId(), report.status(),
                        report.reason())
                        .then(deployments.runs(d.id()).collectList())
                        .flatMap(runs -> decide(d, runs)));
    }

    private Mono<Deployment> decide(Deployment d, List<DeploymentRun> runs) {
        Instant now = clock.instant();
        DeploymentRun unsuccessful = runs.stream().filter(r -> DeploymentRun.UNSUCCESSFUL.contains(r.status()))
                .findFirst().orElse(null);
        if (unsuccessful != null) {
            String reason = DeploymentRun.NOT_STARTED.equals(unsuccessful.status()) ? "pipeline_not_started"
                    : "pipeline_" + unsuccessful.status();
            return end(d, Deployment.FAILED, reason, DeploymentEvents.FAILED, now).map(Ended::deployment);
        }
        if (runs.stream().allMatch(r -> DeploymentRun.SUCCEEDED.equals(r.status()))) {
            return end(d, Deployment.SUCCEEDED, null, DeploymentEvents.SUCCEEDED, now)
                    .flatMap(ended -> completeIfLast(d, ended.release(), now).thenReturn(ended.deployment()));
        }
        return Mono.empty();
    }

    private record Ended(Deployment deployment, Release release) {
    }

    private Mono<Ended> end(Deployment d, String status, String reason, String type, Instant now) {
        return deployments.finish(d.id(), status, reason, now)
                .flatMap(ended -> Mono.zip(releases.findById(d.releaseId()), deployments.runs(d.id()).collectList(),
                        deployments.approvals(d.id()).collectList())
                        .flatMap(t -> outbox.enqueue(DeploymentEvents.snapshot(type, ended, t.getT1(), t.getT2(),
                                (int) t.getT3().stream().filter(a -> Approval.APPROVED.equals(a.decision())).count(),
                                null, now)).thenReturn(new Ended(ended, t.getT1()))));
    }

    private Mono<Void> completeIfLast(Deployment d, Release release, Instant now) {
        return environments.list().last().filter(last -> last.id().equals(d.environmentId()))
                .map(Environment::id)
                .filter(last -> !Release.COMPLETED.equals(release.status()))
                .flatMap(last -> releases.setStatus(release.id(), Release.COMPLETED, now))
                .flatMap(completed -> outbox.enqueue(ReleaseEvents.snapshot(ReleaseEvents.COMPLETED, completed, now)))
                .then();
    }
}
