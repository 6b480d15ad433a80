package io.cygnetci.pipeline.pipeline.domain;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.cygnetci.pipeline.agent.AgentViews;
import io.cygnetci.pipeline.pipeline.event.PipelineEvents;
import io.cygnetci.pipeline.tenant.TenantViews;
import io.cygnetci.platform.data.Cursor;
import io.cygnetci.platform.data.Page;
import io.cygnetci.platform.data.PageRequest;
import io.cygnetci.platform.data.TenantDatabase;
import io.cygnetci.platform.events.outbox.Outbox;
import io.cygnetci.platform.problem.ConflictException;
import io.cygnetci.platform.problem.NotFoundException;
import io.cygnetci.platform.security.Access;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Service;

/** A tenant's pipelines: members and admins define them, every member reads them. Each change emits its event. */
@Service
public class PipelineService {

    private final TenantDatabase database;
    private final PipelineRepository pipelines;
    private final TenantViews tenants;
    private final AgentViews agents;
    private final Outbox outbox;
    private final Clock clock;

    public PipelineService(TenantDatabase database, PipelineRepository pipelines, TenantViews tenants,
            AgentViews agents, Outbox outbox, Clock clock) {
        this.database = database;
        this.pipelines = pipelines;
        this.tenants = tenants;
        this.agents = agents;
        this.outbox = outbox;
        this.clock = clock;
    }

    public Mono<Pipeline> create(PipelineDefinition definition) {
        return Access.currentTenantWriter().flatMap(caller -> database.inTenant(caller.tenantId(),
                tenants.lock(caller.tenantId())
                        .flatMap(tenant -> pipelines.count().flatMap(count -> count >= tenant.maxPipelines()
                                ? Mono.error(new ConflictException("quota-exceeded", "The tenant has reached its "
                                        + "limit of " + tenant.maxPipelines() + " pipelines."))
                                : Mono.empty()))
                        .then(checkAgent(definition.agentId()))
                        .then(checkName(definition.name(), null))
                        .then(Mono.defer(() -> pipelines.insert(UUID.randomUUID(), caller.tenantId(), definition,
                                caller.principal().userId(), clock.instant())))
                        .flatMap(p -> outbox.enqueue(PipelineEvents.snapshot(PipelineEvents.CREATED, p,
                                p.createdAt())).thenReturn(p))));
    }

    /**
     * Replaces the definition. A secret parameter sent without a default keeps the one it had: the API never
     * answers secret values, so a client that reads and writes back a pipeline does not erase them.
     */
    public Mono<Pipeline> replace(UUID id, PipelineDefinition definition) {
        return Access.currentTenantWriter().flatMap(caller -> database.inTenant(caller.tenantId(),
                pipelines.lock(id).switchIfEmpty(Mono.error(PipelineService::notFound))
                        .flatMap(existing -> checkAgent(definition.agentId())
                                .then(checkName(definition.name(), id))
                                .then(Mono.defer(() -> pipelines.replace(id, keepSecrets(existing, definition),
                                        clock.instant()))))
                        .flatMap(p -> outbox.enqueue(PipelineEvents.snapshot(PipelineEvents.UPDATED, p,
                                p.updatedAt())).thenReturn(p))));
    }

    public Mono<Void> delete(UUID id) {
        return Access.currentTenantWriter().flatMap(caller -> database.inTenant(caller.tenantId(),
                pipelines.delete(id).switchIfEmpty(Mono.error(PipelineService::notFound))
                        .flatMap(p -> outbox.enqueue(PipelineEvents.deleted(p, clock.instant())))))
                .then();
    }

    public Mono<Pipeline> get(UUID id) {
        return Access.currentTenantReader().flatMap(caller -> database.inTenant(caller.tenantId(),
                pipelines.findById(id)))
                .switchIfEmpty(Mono.error(PipelineService::notFound));
    }

    public Mono<Page<Pipeline>> list(String q, PageRequest page) {
        return Access.currentTenantReader().flatMap(caller -> database.inTenant(caller.tenantId(),
                pipelines.list(q, page).collectList())
                .map(rows -> Page.of(rows, page, p -> new Cursor(p.createdAt(), p.id()))));
    }

    /** An agent of another tenant is as unknown as one that never existed: 404 either way. */
    private Mono<Void> checkAgent(UUID agentId) {
        if (agentId == null) {
            return Mono.empty();
        }
        return agents.find(agentId).filter(agent -> !agent.deleted())
                .switchIfEmpty(Mono.error(() -> new NotFoundException("agent")))
                .then();
    }

    private Mono<Void> checkName(String name, UUID except) {
        return pipelines.nameTaken(name, except).flatMap(taken -> taken
                ? Mono.error(new ConflictException("name-taken", "A pipeline named '" + name + "' already exists."))
                : Mono.empty());
    }

    private static PipelineDefinition keepSecrets(Pipeline existing, PipelineDefinition definition) {
        Map<String, ParameterDefinition> before = existing.parameters().stream()
                .collect(Collectors.toMap(ParameterDefinition::name, Function.identity()));
        List<ParameterDefinition> parameters = definition.parameters().stream().map(p -> {
            ParameterDefinition old = before.get(p.name());
            return p.secret() && p.defaultValue() == null && old != null && old.secret()
                    ? new ParameterDefinition(p.name(), old.defaultValue(), p.required(), true) : p;
        }).toList();
        return new PipelineDefinition(definition.name(), definition.description(), definition.repository(),
                definition.ref(), definition.agentId(), definition.agentLabels(), definition.steps(), parameters);
    }

    static NotFoundException notFound() {
        return new NotFoundException("pipeline");
    }
}
