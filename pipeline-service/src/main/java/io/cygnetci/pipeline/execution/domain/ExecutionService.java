package io.cygnetci.pipeline.execution.domain;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.cygnetci.pipeline.execution.event.ExecutionEvents;
import io.cygnetci.pipeline.pipeline.domain.ParameterDefinition;
import io.cygnetci.pipeline.pipeline.domain.Pipeline;
import io.cygnetci.pipeline.pipeline.domain.PipelineRepository;
import io.cygnetci.pipeline.pipeline.domain.StepDefinition;
import io.cygnetci.pipeline.tenant.TenantViews;
import io.cygnetci.platform.data.Cursor;
import io.cygnetci.platform.data.Page;
import io.cygnetci.platform.data.PageRequest;
import io.cygnetci.platform.data.TenantDatabase;
import io.cygnetci.platform.events.outbox.Outbox;
import io.cygnetci.platform.problem.BadRequestException;
import io.cygnetci.platform.problem.ConflictException;
import io.cygnetci.platform.problem.ForbiddenException;
import io.cygnetci.platform.problem.InvalidField;
import io.cygnetci.platform.problem.NotFoundException;
import io.cygnetci.platform.problem.TooManyRequestsException;
import io.cygnetci.platform.security.Access;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Service;

/** What users do with executions: trigger, retry, cancel, read. */
@Service
public class ExecutionService {

    private static final Duration QUOTA_WINDOW = Duration.ofHours(1);

    /** An execution with its steps. */
    public record Detailed(Execution execution, List<ExecutionStep> steps) {
    }

    private final TenantDatabase database;
    private final ExecutionRepository executions;
    private final PipelineRepository pipelines;
    private final TenantViews tenants;
    private final ExecutionOutcomes outcomes;
    private final QueueWakeups wakeups;
    private final Outbox outbox;
    private final ExecutionMetrics metrics;
    private final Clock clock;

    public ExecutionService(TenantDatabase database, ExecutionRepository executions, PipelineRepository pipelines,
            TenantViews tenants, ExecutionOutcomes outcomes, QueueWakeups wakeups, Outbox outbox,
            ExecutionMetrics metrics, Clock clock) {
        this.database = database;
        this.executions = executions;
        this.pipelines = pipelines;
        this.tenants = tenants;
        this.outcomes = outcomes;
        this.wakeups = wakeups;
        this.outbox = outbox;
        this.metrics = metrics;
        this.clock = clock;
    }

    /**
     * Queues an execution of the pipeline with these parameter values (defaults fill the rest). Unknown or missing
     * required parameters: 400; past the tenant's {@code executions_per_hour}: 429 with {@code Retry-After}.
     */
    public Mono<Detailed> trigger(UUID pipelineId, Map<String, String> values) {
        return Access.currentTenantWriter().flatMap(caller -> database.inTenant(caller.tenantId(),
                pipelines.lock(pipelineId).switchIfEmpty(Mono.error(ExecutionService::pipelineNotFound))
                        .flatMap(pipeline -> {
                            Map<String, String> parameters = resolve(pipeline, values);
                            return admit(caller.tenantId())
                                    .then(queue(pipeline, parameters, null, Execution.Origin.NONE,
                                            caller.principal().userId()));
                        })))
                .doOnNext(this::queued);
    }

    /** Queues the execution again, as a new execution linked to it, with the pipeline's current steps. */
    public Mono<Detailed> retry(UUID id) {
        return Access.currentTenantWriter().flatMap(caller -> database.inTenant(caller.tenantId(),
                executions.findById(id).switchIfEmpty(Mono.error(ExecutionService::notFound))
                        .flatMap(original -> {
                            if (!original.finished()) {
                                return Mono.error(new ConflictException("execution-not-finished",
                                        "Only a finished execution can be retried; this one is " + original.status()
                                                + "."));
                            }
                            return pipelines.lock(original.pipelineId())
                                    .switchIfEmpty(Mono.error(() -> new ConflictException("pipeline-deleted",
                                            "The pipeline of this execution has been deleted.")))
                                    .flatMap(pipeline -> admit(caller.tenantId())
                                            .then(queue(pipeline, original.parameters(), original.id(),
                                                    original.origin(), caller.principal().userId())));
                        })))
                .doOnNext(this::queued);
    }

    /**
     * Cancels: a queued execution at once; a running one is marked, its runner stops the step and reports it
     * cancelled. Answers the execution as it is now; a finished one: 409.
     */
    public Mono<Execution> cancel(UUID id) {
        return Access.currentTenantWriter().flatMap(caller -> database.inTenant(caller.tenantId(),
                executions.lock(id).switchIfEmpty(Mono.error(ExecutionService::notFound))
                        .flatMap(e -> switch (e.status()) {
                            case ExecutionStatus.QUEUED -> outcomes.end(id, ExecutionStatus.CANCELLED,
                                    "cancelled_by_user", clock.instant());
                            case ExecutionStatus.RUNNING -> executions.requestCancel(id, clock.instant());
                            default -> Mono.error(new ConflictException("execution-finished",
                                    "The execution has already finished: " + e.status() + "."));
                        })));
    }

    public Mono<Detailed> get(UUID id) {
        return Access.currentTenantReader().flatMap(caller -> database.inTenant(caller.tenantId(),
                executions.findById(id).flatMap(e -> executions.steps(id).collectList()
                        .map(steps -> new Detailed(e, steps)))))
                .switchIfEmpty(Mono.error(ExecutionService::notFound));
    }

    public Mono<Page<Execution>> list(ExecutionQuery query, PageRequest page) {
        return Access.currentTenantReader().flatMap(caller -> database.inTenant(caller.tenantId(),
                executions.list(query, page).collectList())
                .map(rows -> Page.of(rows, page, e -> new Cursor(e.createdAt(), e.id()))));
    }

    /** A pipeline's executions: 404 for a pipeline the tenant does not have, as for the pipeline itself. */
    public Mono<Page<Execution>> listOfPipeline(UUID pipelineId, ExecutionQuery query, PageRequest page) {
        return Access.currentTenantReader().flatMap(caller -> database.inTenant(caller.tenantId(),
                pipelines.findById(pipelineId).switchIfEmpty(Mono.error(ExecutionService::pipelineNotFound))
                        .then(executions.list(query, page).collectList()))
                .map(rows -> Page.of(rows, page, e -> new Cursor(e.createdAt(), e.id()))));
    }

    public Mono<PipelineStats> stats(UUID pipelineId) {
        return Access.currentTenantReader().flatMap(caller -> database.inTenant(caller.tenantId(),
                pipelines.findById(pipelineId).switchIfEmpty(Mono.error(ExecutionService::pipelineNotFound))
                        .then(executions.stats(pipelineId))));
    }

    void queued(Detailed detailed) {
        metrics.queued(detailed.execution().tenantId());
        wakeups.wake(detailed.execution().tenantId());
    }

    /** The tenant may run work and has quota left (its row stays locked, so concurrent triggers count in turn). */
    private Mono<Void> admit(UUID tenantId) {
        Instant now = clock.instant();
        return tenants.lock(tenantId).flatMap(tenant -> {
            if (!tenant.usable()) {
                return Mono.error(new ForbiddenException("The tenant is deactivated."));
            }
            return executions.createdSince(now.minus(QUOTA_WINDOW)).flatMap(window -> {
                if (window.count() < tenant.executionsPerHour()) {
                    return Mono.empty();
                }
                Duration retryAfter = window.oldest() == null ? QUOTA_WINDOW
                        : Duration.between(now, window.oldest().plus(QUOTA_WINDOW));
                return Mono.error(new TooManyRequestsException("The tenant has reached its quota of "
                        + tenant.executionsPerHour() + " executions per hour.",
                        retryAfter.isNegative() || retryAfter.isZero() ? Duration.ofSeconds(1) : retryAfter));
            });
        });
    }

    Mono<Detailed> queue(Pipeline pipeline, Map<String, String> parameters, UUID retryOf,
            Execution.Origin origin, UUID triggeredBy) {
        Instant now = clock.instant();
        List<String> secrets = pipeline.parameters().stream().filter(ParameterDefinition::secret)
                .map(ParameterDefinition::name).filter(parameters::containsKey).toList();
        return pipelines.takeNumber(pipeline.id()).flatMap(number -> {
            Execution execution = new Execution(UUID.randomUUID(), pipeline.tenantId(), pipeline.id(),
                    pipeline.name(), pipeline.version(), number, ExecutionStatus.QUEUED, null, pipeline.repository(),
                    pipeline.ref(), pipeline.agentId(), pipeline.agentLabels(), parameters, secrets, null, retryOf,
                    origin, triggeredBy, null, now, null, null, null);
            List<ExecutionStep> steps = new ArrayList<>();
            for (int i = 0; i < pipeline.steps().size(); i++) {
                StepDefinition s = pipeline.steps().get(i);
                steps.add(new ExecutionStep(execution.id(), i, s.name(), s.command(), s.timeoutSeconds(),
                        s.continueOnError(), s.env(), ExecutionStatus.PENDING, null, null, null, null, 0, 0, false));
            }
            return executions.insert(execution)
                    .flatMap(inserted -> Flux.fromIterable(steps)
                            .concatMap(step -> executions.insertStep(pipeline.tenantId(), step))
                            .then(outbox.enqueue(ExecutionEvents.snapshot(ExecutionEvents.QUEUED, inserted, now)))
                            .then(executions.steps(inserted.id()).collectList())
                            .map(saved -> new Detailed(inserted, saved)));
        });
    }

    /** The values to run with: those given, then defaults. Unknown names and missing required ones: 400. */
    static Map<String, String> resolve(Pipeline pipeline, Map<String, String> given) {
        Map<String, String> values = given == null ? Map.of() : given;
        List<InvalidField> errors = new ArrayList<>();
        Map<String, ParameterDefinition> known = new LinkedHashMap<>();
        pipeline.parameters().forEach(p -> known.put(p.name(), p));
        values.keySet().stream().filter(name -> !known.containsKey(name)).sorted()
                .forEach(name -> errors.add(new InvalidField("parameters." + name, "is not a parameter of this "
                        + "pipeline")));
        Map<String, String> resolved = new LinkedHashMap<>();
        for (ParameterDefinition p : known.values()) {
            String value = values.containsKey(p.name()) ? values.get(p.name()) : p.defaultValue();
            if (value == null || (p.required() && value.isBlank())) {
                if (p.required()) {
                    errors.add(new InvalidField("parameters." + p.name(), "is required"));
                }
                continue;
            }
            if (value.length() > 4096) {
                errors.add(new InvalidField("parameters." + p.name(), "must be at most 4096 characters"));
                continue;
            }
            resolved.put(p.name(), value);
        }
        if (!errors.isEmpty()) {
            throw new BadRequestException("The parameters do not fit the pipeline.", errors);
        }
        return resolved;
    }

    static NotFoundException notFound() {
        return new NotFoundException("execution");
    }

    static NotFoundException pipelineNotFound() {
        return new NotFoundException("pipeline");
    }
}
