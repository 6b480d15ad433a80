package io.cygnetci.pipeline.job.domain;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.TimeoutException;

import io.cygnetci.pipeline.agent.AgentView;
import io.cygnetci.pipeline.agent.AgentViews;
import io.cygnetci.pipeline.config.PipelineProperties;
import io.cygnetci.pipeline.execution.domain.Execution;
import io.cygnetci.pipeline.execution.domain.ExecutionMetrics;
import io.cygnetci.pipeline.execution.domain.ExecutionOutcomes;
import io.cygnetci.pipeline.execution.domain.ExecutionRepository;
import io.cygnetci.pipeline.execution.domain.ExecutionStatus;
import io.cygnetci.pipeline.execution.domain.ExecutionStep;
import io.cygnetci.pipeline.execution.domain.QueueWakeups;
import io.cygnetci.pipeline.execution.domain.StepLogs;
import io.cygnetci.pipeline.execution.event.ExecutionEvents;
import io.cygnetci.pipeline.tenant.TenantView;
import io.cygnetci.pipeline.tenant.TenantViews;
import io.cygnetci.platform.data.TenantDatabase;
import io.cygnetci.platform.events.outbox.Outbox;
import io.cygnetci.platform.problem.ConflictException;
import io.cygnetci.platform.problem.NotFoundException;
import io.cygnetci.platform.problem.UnauthorizedException;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Service;

/**
 * The runner's side of executions: claim work (long-polling), report step starts, log chunks, step results and the
 * end. An agent only ever sees executions of its own tenant (the transaction's Row-Level Security scope) that it
 * claimed; every other id answers 404. Repeating a report is harmless; contradicting one answers 409.
 */
@Service
public class JobService {

    private final TenantDatabase database;
    private final ExecutionRepository executions;
    private final AgentViews agents;
    private final TenantViews tenants;
    private final StepLogs logs;
    private final ExecutionOutcomes outcomes;
    private final QueueWakeups wakeups;
    private final Outbox outbox;
    private final PipelineProperties properties;
    private final ExecutionMetrics metrics;
    private final Clock clock;

    public JobService(TenantDatabase database, ExecutionRepository executions, AgentViews agents,
            TenantViews tenants, StepLogs logs, ExecutionOutcomes outcomes, QueueWakeups wakeups, Outbox outbox,
            PipelineProperties properties, ExecutionMetrics metrics, Clock clock) {
        this.database = database;
        this.executions = executions;
        this.agents = agents;
        this.tenants = tenants;
        this.logs = logs;
        this.outcomes = outcomes;
        this.wakeups = wakeups;
        this.outbox = outbox;
        this.properties = properties;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** The oldest job this agent may run, waiting up to {@code wait} for one; empty when none came. */
    public Mono<Job> request(JobAgent agent, Duration wait) {
        Duration capped = wait.compareTo(properties.longPollMax()) > 0 ? properties.longPollMax() : wait;
        long deadline = System.nanoTime() + capped.toNanos();
        return attempt(agent, deadline);
    }

    private Mono<Job> attempt(JobAgent agent, long deadline) {
        long generation = wakeups.generation(agent.tenantId());
        return tryClaim(agent).switchIfEmpty(Mono.defer(() -> {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return Mono.empty();
            }
            Duration pause = Duration.ofNanos(Math.min(left, properties.queueRecheckInterval().toNanos()));
            return wakeups.changedSince(agent.tenantId(), generation)
                    .timeout(pause)
                    .onErrorResume(TimeoutException.class, ex -> Mono.empty())
                    .then(Mono.defer(() -> attempt(agent, deadline)));
        }));
    }

    private Mono<Job> tryClaim(JobAgent agent) {
        return database.inTenant(agent.tenantId(), current(agent).filter(AgentView::takesWork)
                .flatMap(view -> tenants.find(agent.tenantId())
                .filter(TenantView::usable)
                .flatMap(tenant -> executions.claim(agent.agentId(), view.labels(), clock.instant())
                        .flatMap(claimed -> outbox.enqueue(ExecutionEvents.snapshot(ExecutionEvents.STARTED, claimed,
                                claimed.startedAt()))
                                .then(executions.steps(claimed.id()).collectList())
                                .map(steps -> new Job(claimed, steps,
                                        tenant.slug().isEmpty() ? tenant.tenantId().toString() : tenant.slug(),
                                        properties.logLimitPerStep().toBytes()))))))
                .doOnNext(job -> metrics.claimed(job.execution()));
    }

    /**
     * The agent as the view knows it. A deleted agent, or a credential the agent's current one superseded, is
     * refused (401: the runner registers again). Empty when the view has not heard of the agent yet.
     */
    private Mono<AgentView> current(JobAgent agent) {
        return agents.find(agent.agentId()).flatMap(view -> superseded(agent, view.deleted(), view.credentialId())
                ? Mono.error(credentialRefused()) : Mono.just(view));
    }

    private static boolean superseded(JobAgent agent, boolean deleted, UUID currentCredential) {
        return deleted || (currentCredential != null && !currentCredential.equals(agent.credentialId()));
    }

    private static UnauthorizedException credentialRefused() {
        return new UnauthorizedException("Bearer",
                "The agent credential is no longer valid: the agent was deleted or registered again.");
    }

    public Mono<JobState> state(JobAgent agent, UUID jobId) {
        return inJob(agent, jobId, false, execution -> Mono.just(state(execution)));
    }

    /** Starting a step that has started (or ended) already changes nothing. */
    public Mono<JobState> startStep(JobAgent agent, UUID jobId, int index) {
        return inJob(agent, jobId, true, execution -> executions.startStep(jobId, index, clock.instant())
                .switchIfEmpty(Mono.defer(() -> step(execution, index)))
                .thenReturn(state(execution)));
    }

    public Mono<Logged> appendLog(JobAgent agent, UUID jobId, int index, long offset, byte[] chunk) {
        return inJob(agent, jobId, true, execution -> step(execution, index)
                .flatMap(step -> logs.append(execution, step, offset, chunk))
                .map(appended -> new Logged(appended, state(execution))));
    }

    /** What a log upload answers. */
    public record Logged(StepLogs.Appended appended, JobState state) {
    }

    public Mono<JobState> finishStep(JobAgent agent, UUID jobId, int index, String status, Integer exitCode) {
        return inJob(agent, jobId, false, execution -> step(execution, index).flatMap(step -> {
            if (step.finished()) {
                return sameResult(step, status, exitCode) ? Mono.just(state(execution))
                        : Mono.error(new ConflictException("step-finished", "The step already finished as "
                                + step.status() + "."));
            }
            if (execution.finished()) {
                return Mono.error(finished(execution));
            }
            Instant now = clock.instant();
            return executions.finishStep(jobId, index, status, exitCode, now)
                    .flatMap(done -> outbox.enqueue(ExecutionEvents.stepFinished(execution, done, now)))
                    .thenReturn(state(execution));
        }));
    }

    public Mono<Execution> finish(JobAgent agent, UUID jobId, String status) {
        return inJob(agent, jobId, false, execution -> {
            if (execution.finished()) {
                return execution.status().equals(status) ? Mono.just(execution) : Mono.error(finished(execution));
            }
            return outcomes.end(jobId, status, reason(execution, status), clock.instant());
        });
    }

    /**
     * Runs {@code work} on the agent's claimed execution, locked, in its tenant; another agent's or another
     * tenant's execution: 404. With {@code mustRun}, a job that has already ended answers 409.
     */
    private <T> Mono<T> inJob(JobAgent agent, UUID jobId, boolean mustRun,
            java.util.function.Function<Execution, Mono<T>> work) {
        return database.inTenant(agent.tenantId(), executions.lockForAgent(jobId, agent.agentId())
                .flatMap(claimed -> claimed.agentKnown() && superseded(agent, claimed.agentDeleted(),
                        claimed.agentCredential()) ? Mono.error(JobService::credentialRefused) : Mono.just(claimed))
                .map(ExecutionRepository.Claimed::execution)
                .filter(execution -> agent.agentId().equals(execution.claimedBy()))
                .switchIfEmpty(Mono.error(() -> new NotFoundException("job")))
                .flatMap(execution -> mustRun && execution.finished() ? Mono.error(finished(execution))
                        : work.apply(execution)));
    }

    private Mono<ExecutionStep> step(Execution execution, int index) {
        return executions.lockStep(execution.id(), index)
                .switchIfEmpty(Mono.error(() -> new NotFoundException("step")));
    }

    private static JobState state(Execution execution) {
        return new JobState(execution.status(), execution.cancelRequestedAt() != null);
    }

    private static boolean sameResult(ExecutionStep step, String status, Integer exitCode) {
        return step.status().equals(status) && java.util.Objects.equals(step.exitCode(), exitCode);
    }

    private static ConflictException finished(Execution execution) {
        return new ConflictException("job-finished", "The job has already finished as " + execution.status()
                + (execution.reason() == null ? "" : " (" + execution.reason() + ")") + ".");
    }

    private static String reason(Execution execution, String status) {
        return switch (status) {
            case ExecutionStatus.FAILED -> "step_failed";
            case ExecutionStatus.TIMED_OUT -> "step_timed_out";
            case ExecutionStatus.CANCELLED -> execution.cancelRequestedAt() != null ? "cancelled_by_user"
                    : "cancelled_by_agent";
            default -> null;
        };
    }
}
