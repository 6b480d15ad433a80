package io.cygnetci.release.deployment.domain;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

import io.cygnetci.platform.data.Cursor;
import io.cygnetci.platform.data.Page;
import io.cygnetci.platform.data.PageRequest;
import io.cygnetci.platform.data.TenantDatabase;
import io.cygnetci.platform.events.outbox.Outbox;
import io.cygnetci.platform.problem.ConflictException;
import io.cygnetci.platform.problem.ForbiddenException;
import io.cygnetci.platform.problem.NotFoundException;
import io.cygnetci.platform.problem.TooManyRequestsException;
import io.cygnetci.platform.security.Access;
import io.cygnetci.platform.security.Access.TenantCaller;
import io.cygnetci.release.deployment.event.DeploymentEvents;
import io.cygnetci.release.environment.domain.Environment;
import io.cygnetci.release.environment.domain.EnvironmentRepository;
import io.cygnetci.release.environment.domain.EnvironmentService;
import io.cygnetci.release.environment.domain.Freeze;
import io.cygnetci.release.release.domain.Release;
import io.cygnetci.release.release.domain.ReleaseRepository;
import io.cygnetci.release.tenant.TenantViews;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Service;

/**
 * Deploying a release to an environment: promotion order, the environment's lock and freeze, the tenant's quota,
 * approvals. Every decision is taken under the locks of the tenant, the release or the deployment, so concurrent
 * requests see each other's effects; every change emits its event in the same transaction.
 */
@Service
public class DeploymentService {

    private static final Duration QUOTA_WINDOW = Duration.ofHours(1);

    /** A deployment with its release, pipeline runs and approvals. */
    public record Detailed(Deployment deployment, Release release, List<DeploymentRun> runs, List<Approval> approvals) {
    }

    private final TenantDatabase database;
    private final DeploymentRepository deployments;
    private final ReleaseRepository releases;
    private final EnvironmentRepository environments;
    private final TenantViews tenants;
    private final Outbox outbox;
    private final DeploymentMetrics metrics;
    private final Clock clock;

    public DeploymentService(TenantDatabase database, DeploymentRepository deployments, ReleaseRepository releases,
            EnvironmentRepository environments, TenantViews tenants, Outbox outbox, DeploymentMetrics metrics,
            Clock clock) {
        this.database = database;
        this.deployments = deployments;
        this.releases = releases;
        this.environments = environments;
        this.tenants = tenants;
        this.outbox = outbox;
        this.metrics = metrics;
        this.clock = clock;
    }

    /**
     * Deploys the release to the environment: 409 unless every earlier environment's latest deployment of it
     * succeeded, while another deployment holds the environment, or inside a freeze; 429 past the tenant's
     * {@code deployments_per_hour}. Without required approvals it starts at once.
     */
    public Mono<Detailed> request(UUID releaseId, UUID environmentId) {
        return Access.currentTenantWriter().flatMap(caller -> database.inTenant(caller.tenantId(),
                admit(caller.tenantId())
                        .then(releases.lock(releaseId)).switchIfEmpty(Mono.error(DeploymentService::releaseNotFound))
                        .flatMap(release -> environments.list().collectList().flatMap(path -> {
                            Environment target = path.stream().filter(e -> e.id().equals(environmentId)).findFirst()
                                    .orElseThrow(EnvironmentService::notFound);
                            Instant now = clock.instant();
                            return refuseIfFrozen(target, now)
                                    .then(checkPromotion(release, target, path))
                                    .then(refuseIfLocked(target))
                                    .then(Mono.defer(() -> create(caller, release, target, now)));
                        }))))
                .doOnNext(created -> metrics.requested(created.deployment().tenantId()));
    }

    public Mono<Detailed> approve(UUID id, String comment) {
        return decide(id, (caller, detailed) -> {
            Deployment d = detailed.deployment();
            Instant now = clock.instant();
            Approval approval = new Approval(d.id(), caller.principal().userId(), Approval.APPROVED, comment, now);
            int approvals = approvedCount(detailed.approvals()) + 1;
            Mono<Detailed> recorded = deployments.insertApproval(d.tenantId(), approval)
                    .then(emit(DeploymentEvents.APPROVED, d, detailed.release(), approvals, caller, now))
                    .then(Mono.defer(() -> load(d.id())));
            if (approvals < d.requiredApprovals()) {
                return recorded;
            }
            return environments.findById(d.environmentId())
                    .flatMap(env -> refuseIfFrozen(env, now))
                    .then(recorded)
                    .flatMap(after -> deployments.start(d.id(), now)
                            .flatMap(started -> emit(DeploymentEvents.STARTED, started, after.release(), approvals,
                                    caller, now)))
                    .then(Mono.defer(() -> load(d.id())));
        });
    }

    /** A rejection ends the deployment; the environment is free again. */
    public Mono<Detailed> reject(UUID id, String comment) {
        return decide(id, (caller, detailed) -> {
            Deployment d = detailed.deployment();
            Instant now = clock.instant();
            Approval rejection = new Approval(d.id(), caller.principal().userId(), Approval.REJECTED, comment, now);
            return deployments.insertApproval(d.tenantId(), rejection)
                    .then(deployments.finish(d.id(), Deployment.REJECTED, "rejected", now))
                    .flatMap(rejected -> emit(DeploymentEvents.REJECTED, rejected, detailed.release(),
                            approvedCount(detailed.approvals()), caller, now))
                    .then(Mono.defer(() -> load(d.id())));
        });
    }

    /** Cancels a deployment waiting for approval or running; pipeline-service cancels its executions. */
    public Mono<Detailed> cancel(UUID id) {
        return Access.currentTenantWriter().flatMap(caller -> database.inTenant(caller.tenantId(),
                deployments.lock(id).switchIfEmpty(Mono.error(DeploymentService::notFound)).flatMap(d -> {
                    if (!d.active()) {
                        return Mono.error(new ConflictException("deployment-finished",
                                "The deployment has already ended: " + d.status() + "."));
                    }
                    Instant now = clock.instant();
                    return deployments.finish(id, Deployment.CANCELLED, "cancelled_by_user", now)
                            .flatMap(cancelled -> releases.findById(d.releaseId())
                                    .flatMap(release -> deployments.approvals(id).collectList()
                                            .flatMap(approvals -> emit(DeploymentEvents.CANCELLED, cancelled, release,
                                                    approvedCount(approvals), caller, now))))
                            .then(Mono.defer(() -> load(id)));
                })))
                .doOnNext(cancelled -> metrics.ended(cancelled.deployment()));
    }

    public Mono<Detailed> get(UUID id) {
        return Access.currentTenantReader().flatMap(caller -> database.inTenant(caller.tenantId(), load(id)))
                .switchIfEmpty(Mono.error(DeploymentService::notFound));
    }

    public Mono<Page<Deployment>> list(DeploymentQuery query, PageRequest page) {
        return Access.currentTenantReader().flatMap(caller -> database.inTenant(caller.tenantId(),
                (query.releaseId() == null ? Mono.<Release>empty() : releases.findById(query.releaseId())
                        .switchIfEmpty(Mono.error(DeploymentService::releaseNotFound)))
                        .thenMany(deployments.list(query, page)).collectList())
                .map(rows -> Page.of(rows, page, d -> new Cursor(d.createdAt(), d.id()))));
    }

    /** The newest deployment of the release per environment id, for its stages. */
    public Mono<Map<UUID, Deployment>> latestPerEnvironment(UUID releaseId) {
        return deployments.latestPerEnvironment(releaseId).collectMap(Deployment::environmentId, Function.identity());
    }

    // ---- decisions

    private interface Decision {
        Mono<Detailed> apply(TenantCaller caller, Detailed detailed);
    }

    /** Approvers are members or admins of the tenant, neither the release's creator nor one who decided already. */
    private Mono<Detailed> decide(UUID id, Decision decision) {
        return Access.currentTenantWriter().flatMap(caller -> database.inTenant(caller.tenantId(),
                deployments.lock(id).switchIfEmpty(Mono.error(DeploymentService::notFound))
                        .then(Mono.defer(() -> load(id))).flatMap(detailed -> {
                            Deployment d = detailed.deployment();
                            UUID user = caller.principal().userId();
                            if (!Deployment.AWAITING_APPROVAL.equals(d.status())) {
                                return Mono.error(new ConflictException("deployment-not-awaiting-approval",
                                        "The deployment is " + d.status() + ", not awaiting approval."));
                            }
                            if (user != null && user.equals(detailed.release().createdBy())) {
                                return Mono.error(new ForbiddenException(
                                        "The release's creator cannot approve or reject its deployments."));
                            }
                            if (detailed.approvals().stream().anyMatch(a -> a.userId().equals(user))) {
                                return Mono.error(new ConflictException("already-decided",
                                        "You have already decided on this deployment."));
                            }
                            return decision.apply(caller, detailed);
                        })))
                .doOnNext(decided -> metrics.ended(decided.deployment()));
    }

    // ---- rules

    /** The tenant may deploy and has quota left (its row stays locked, so concurrent requests count in turn). */
    private Mono<Void> admit(UUID tenantId) {
        Instant now = clock.instant();
        return tenants.lock(tenantId).flatMap(tenant -> {
            if (!tenant.usable()) {
                return Mono.error(new ForbiddenException("The tenant is deactivated."));
            }
            return deployments.createdSince(now.minus(QUOTA_WINDOW)).flatMap(window -> {
                if (window.count() < tenant.deploymentsPerHour()) {
                    return Mono.empty();
                }
                Duration retryAfter = window.oldest() == null ? QUOTA_WINDOW
                        : Duration.between(now, window.oldest().plus(QUOTA_WINDOW));
                return Mono.error(new TooManyRequestsException("The tenant has reached its quota of "
                        + tenant.deploymentsPerHour() + " deployments per hour.",
                        retryAfter.isNegative() || retryAfter.isZero() ? Duration.ofSeconds(1) : retryAfter));
            });
        });
    }

    private static Mono<Void> refuseIfFrozen(Environment environment, Instant now) {
        Freeze freeze = environment.frozenAt(now);
        return freeze == null ? Mono.empty() : Mono.error(new ConflictException("environment-frozen",
                environment.name() + " is frozen until " + freeze.until() + ": " + freeze.reason()));
    }

    /** Every earlier environment's newest deployment of this release succeeded; 409 naming the first that did not. */
    private Mono<Void> checkPromotion(Release release, Environment target, List<Environment> path) {
        return latestPerEnvironment(release.id()).flatMap(latest -> {
            for (Environment earlier : path) {
                if (earlier.position() >= target.position()) {
                    break;
                }
                Deployment d = latest.get(earlier.id());
                if (d == null) {
                    return Mono.error(new ConflictException("promotion-blocked", "Deploy the release to "
                            + earlier.name() + " first: " + target.name() + " comes after it."));
                }
                if (!Deployment.SUCCEEDED.equals(d.status())) {
                    return Mono.error(new ConflictException("promotion-blocked", "The release's latest deployment to "
                            + earlier.name() + " is " + d.status() + "; it must succeed there before "
                            + target.name() + "."));
                }
            }
            return Mono.empty();
        });
    }

    private Mono<Void> refuseIfLocked(Environment environment) {
        return deployments.activeIn(environment.id()).flatMap(active -> Mono.error(new ConflictException(
                "environment-locked", "Deployment " + active.id() + " is " + active.status().replace('_', ' ')
                        + " in " + environment.name() + "; one deployment runs in an environment at a time.")));
    }

    private Mono<Detailed> create(TenantCaller caller, Release release, Environment target, Instant now) {
        boolean approvalsNeeded = target.requiredApprovals() > 0;
        Deployment deployment = new Deployment(UUID.randomUUID(), caller.tenantId(), release.id(), target.id(),
                target.name(), approvalsNeeded ? Deployment.AWAITING_APPROVAL : Deployment.RUNNING, null,
                target.requiredApprovals(), caller.principal().userId(), now, approvalsNeeded ? null : now, null);
        return deployments.insert(deployment)
                .flatMap(saved -> Flux.fromIterable(release.pipelines())
                        .concatMap(p -> deployments.insertRun(saved.tenantId(), saved.id(), p.pipelineId(), p.name()))
                        .then(Release.CREATED.equals(release.status())
                                ? releases.setStatus(release.id(), Release.IN_PROGRESS, now).then()
                                : Mono.empty())
                        .then(emit(DeploymentEvents.REQUESTED, saved, release, 0, caller, now))
                        .then(approvalsNeeded ? Mono.empty()
                                : emit(DeploymentEvents.STARTED, saved, release, 0, caller, now))
                        .then(Mono.defer(() -> load(saved.id()))));
    }

    private Mono<Void> emit(String type, Deployment d, Release release, int approvals, TenantCaller caller,
            Instant now) {
        return deployments.runs(d.id()).collectList().flatMap(runs -> outbox.enqueue(DeploymentEvents.snapshot(type,
                d, release, runs, approvals, caller == null ? null : caller.principal().userId(), now)).then());
    }

    private Mono<Detailed> load(UUID id) {
        return deployments.findById(id).flatMap(d -> Mono.zip(releases.findById(d.releaseId()),
                deployments.runs(id).collectList(), deployments.approvals(id).collectList())
                .map(t -> new Detailed(d, t.getT1(), t.getT2(), t.getT3())));
    }

    private static int approvedCount(List<Approval> approvals) {
        return (int) approvals.stream().filter(a -> Approval.APPROVED.equals(a.decision())).count();
    }

    public static NotFoundException notFound() {
        return new NotFoundException("deployment");
    }

    static NotFoundException releaseNotFound() {
        return new NotFoundException("release");
    }
}
