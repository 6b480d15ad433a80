package io.cygnetci.pipeline.execution.domain;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import io.cygnetci.pipeline.execution.event.ExecutionEvents;
import io.cygnetci.pipeline.pipeline.domain.Pipeline;
import io.cygnetci.pipeline.pipeline.domain.PipelineRepository;
import io.cygnetci.pipeline.tenant.TenantView;
import io.cygnetci.pipeline.tenant.TenantViews;
import io.cygnetci.platform.events.outbox.Outbox;
import io.cygnetci.platform.problem.BadRequestException;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

/**
 * The executions of release deployments. A starting deployment queues one execution per pipeline, with the
 * pipeline's defaults and {@value #ENVIRONMENT_PARAMETER} set to the environment's name; when any of them cannot
 * start, none is queued and each that cannot is reported {@code not-started}, so the deployment fails whole. A
 * deployment that ends early (cancelled, or failed in another pipeline) takes its unfinished executions with it.
 * Deployment executions are limited by the tenant's {@code deployments_per_hour} in release-service; they count
 * towards {@code executions_per_hour} but are not refused by it.
 */
@Component
public class DeploymentExecutions {

    public static final String ENVIRONMENT_PARAMETER = "CYGNETCI_ENVIRONMENT";

    private final ExecutionService executions;
    private final ExecutionRepository repository;
    private final PipelineRepository pipelines;
    private final TenantViews tenants;
    private final ExecutionOutcomes outcomes;
    private final Outbox outbox;
    private final Clock clock;

    public DeploymentExecutions(ExecutionService executions, ExecutionRepository repository,
            PipelineRepository pipelines, TenantViews tenants, ExecutionOutcomes outcomes, Outbox outbox,
            Clock clock) {
        this.executions = executions;
        this.repository = repository;
        this.pipelines = pipelines;
        this.tenants = tenants;
        this.outcomes = outcomes;
        this.outbox = outbox;
        this.clock = clock;
    }

    private record Candidate(UUID pipelineId, Pipeline pipeline, Map<String, String> parameters, String reason,
            String detail) {
    }

    /** Runs inside the caller's transaction of the deployment's tenant; answers what it queued. */
    public Mono<List<ExecutionService.Detailed>> start(DeploymentStart start) {
        Instant now = clock.instant();
        return tenants.find(start.tenantId()).map(TenantView::usable).defaultIfEmpty(true)
                .flatMap(usable -> Flux.fromIterable(start.pipelineIds())
                        .concatMap(id -> pipelines.lock(id).map(p -> candidate(p, start, usable))
                                .defaultIfEmpty(new Candidate(id, null, null, "pipeline_deleted",
                                        "The pipeline has been deleted.")))
                        .collectList())
                .flatMap(candidates -> {
                    List<Candidate> refused = candidates.stream().filter(c -> c.reason() != null).toList();
                    if (!refused.isEmpty()) {
                        return Flux.fromIterable(refused).concatMap(c -> outbox.enqueue(ExecutionEvents.notStarted(
                                start.tenantId(), c.pipelineId(), c.pipeline() == null ? null : c.pipeline().name(),
                                start.origin(), c.reason(), c.detail(), now)))
                                .then(Mono.just(List.<ExecutionService.Detailed>of()));
                    }
                    return Flux.fromIterable(candidates)
                            .concatMap(c -> executions.queue(c.pipeline(), c.parameters(), null, start.origin(),
                                    start.requestedBy()))
                            .collectList();
                });
    }

    /** Wakes the tenant's runners for what {@link #start} queued, once its transaction has committed. */
    public void announce(List<ExecutionService.Detailed> queued) {
        queued.forEach(executions::queued);
    }

    /** Cancels the deployment's unfinished executions: queued ones at once, running ones through their runner. */
    public Mono<Void> cancel(UUID tenantId, UUID deploymentId, String reason) {
        Instant now = clock.instant();
        return repository.unfinishedOfDeployment(tenantId, deploymentId)
                .concatMap(e -> ExecutionStatus.QUEUED.equals(e.status())
                        ? outcomes.end(e.id(), ExecutionStatus.CANCELLED, reason, now)
                        : repository.requestCancel(e.id(), now))
                .then();
    }

    private static Candidate candidate(Pipeline pipeline, DeploymentStart start, boolean tenantUsable) {
        if (!tenantUsable) {
            return new Candidate(pipeline.id(), pipeline, null, "tenant_deactivated", "The tenant is deactivated.");
        }
        try {
            Map<String, String> parameters = new LinkedHashMap<>(ExecutionService.resolve(pipeline, Map.of()));
            parameters.put(ENVIRONMENT_PARAMETER, start.environmentName());
            return new Candidate(pipeline.id(), pipeline, parameters, null, null);
        }
        catch (BadRequestException ex) {
            return new Candidate(pipeline.id(), pipeline, null, "parameters_invalid", ex.errors().stream()
                    .map(e -> e.field() + " " + e.message()).collect(Collectors.joining("; ")));
        }
    }
}
