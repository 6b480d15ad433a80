package io.cygnetci.agent.agent.domain;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.cygnetci.agent.agent.event.AgentEvents;
import io.cygnetci.agent.heartbeat.domain.AgentAccessCache;
import io.cygnetci.agent.liveness.domain.AgentSettingsService;
import io.cygnetci.agent.registration.AgentCredentials;
import io.cygnetci.agent.tenant.TenantViews;
import io.cygnetci.agent.token.domain.RegistrationToken;
import io.cygnetci.agent.token.domain.RegistrationTokens;
import io.cygnetci.platform.data.Cursor;
import io.cygnetci.platform.data.Page;
import io.cygnetci.platform.data.PageRequest;
import io.cygnetci.platform.data.TenantDatabase;
import io.cygnetci.platform.events.outbox.Outbox;
import io.cygnetci.platform.problem.ConflictException;
import io.cygnetci.platform.problem.ForbiddenException;
import io.cygnetci.platform.problem.NotFoundException;
import io.cygnetci.platform.problem.UnauthorizedException;
import io.cygnetci.platform.security.Access;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Service;

/** Agents of a tenant: registration with a token, and what users do with them. Every change emits its event. */
@Service
public class AgentService {

    /** A registered agent with its new credential (shown once). */
    public record Registered(Agent agent, AgentCredentials.Issued credential, int heartbeatIntervalSeconds,
            boolean reregistered) {
    }

    private final TenantDatabase database;
    private final AgentRepository agents;
    private final RegistrationTokens tokens;
    private final TenantViews tenants;
    private final AgentCredentials credentials;
    private final AgentAccessCache access;
    private final AgentSettingsService settings;
    private final Outbox outbox;
    private final Clock clock;

    public AgentService(TenantDatabase database, AgentRepository agents, RegistrationTokens tokens,
            TenantViews tenants, AgentCredentials credentials, AgentAccessCache access, AgentSettingsService settings,
            Outbox outbox, Clock clock) {
        this.database = database;
        this.agents = agents;
        this.tokens = tokens;
        this.tenants = tenants;
        this.credentials = credentials;
        this.access = access;
        this.settings = settings;
        this.outbox = outbox;
        this.clock = clock;
    }

    /**
     * Registers an agent with a registration token's secret. The same {@code uuid} in the same tenant is the same
     * agent: it gets a new credential and the old one stops working.
     */
    public Mono<Registered> register(String secret, Registration registration) {
        return tokens.findUsable(secret)
                .switchIfEmpty(Mono.error(() -> new UnauthorizedException("Token",
                        "The registration token is unknown, expired or revoked.")))
                .flatMap(token -> database.inTenant(token.tenantId(), register(token, registration)))
                .doOnNext(registered -> access.evict(registered.agent().id()));
    }

    private Mono<Registered> register(RegistrationToken token, Registration registration) {
        Instant now = clock.instant();
        return tenants.lock(token.tenantId()).flatMap(tenant -> {
            if (!tenant.usable()) {
                return Mono.error(new ForbiddenException("The tenant is deactivated."));
            }
            Mono<Registered> again = agents.findByUuid(registration.uuid()).flatMap(existing -> {
                AgentCredentials.Issued credential = credentials.issue(token.tenantId(), existing.id());
                return agents.reregister(existing.id(), registration, credential.credentialId(), token.id(), now)
                        .map(agent -> new Registered(agent, credential, 0, true));
            });
            Mono<Registered> first = Mono.defer(() -> agents.count().flatMap(count -> {
                if (count >= tenant.maxAgents()) {
                    return Mono.error(new ConflictException("quota-exceeded",
                            "The tenant has reached its limit of " + tenant.maxAgents() + " agents."));
                }
                UUID id = UUID.randomUUID();
                AgentCredentials.Issued credential = credentials.issue(token.tenantId(), id);
                return agents.insert(id, token.tenantId(), registration, credential.credentialId(), token.id(), now)
                        .map(agent -> new Registered(agent, credential, 0, false));
            }));
            return again.switchIfEmpty(first);
        })
                .flatMap(registered -> outbox.enqueue(AgentEvents.snapshot(AgentEvents.REGISTERED, registered.agent(),
                        now))
                        .then(tokens.recordUse(token.id()))
                        .then(settings.current(token.tenantId()))
                        .map(s -> new Registered(registered.agent(), registered.credential(),
                                s.heartbeatIntervalSeconds(), registered.reregistered())));
    }

    public Mono<Page<Agent>> list(AgentQuery query, PageRequest page) {
        return Access.currentTenantReader().flatMap(caller -> database.inTenant(caller.tenantId(),
                agents.list(query, page, tenants.isUsable(caller.tenantId())).collectList())
                .map(rows -> Page.of(rows, page, a -> new Cursor(a.createdAt(), a.id()))));
    }

    public Mono<Agent> get(UUID id) {
        return Access.currentTenantReader()
                .flatMap(caller -> database.inTenant(caller.tenantId(), agents.findById(id)))
                .switchIfEmpty(Mono.error(AgentService::notFound));
    }

    public boolean tenantUsable(UUID tenantId) {
        return tenants.isUsable(tenantId);
    }

    public Mono<Agent> update(UUID id, String name, List<String> labels, String location) {
        return change(id, now -> agents.update(id, name, labels, location, now), AgentEvents.UPDATED);
    }

    public Mono<Agent> setDisabled(UUID id, boolean disabled) {
        String type = disabled ? AgentEvents.DISABLED : AgentEvents.ENABLED;
        return Access.currentTenantAdmin().flatMap(caller -> database.inTenant(caller.tenantId(),
                agents.findById(id).switchIfEmpty(Mono.error(AgentService::notFound))
                        .flatMap(agent -> agents.setDisabled(id, disabled, clock.instant())
                                .flatMap(changed -> outbox.enqueue(AgentEvents.snapshot(type, changed, clock.instant()))
                                        .thenReturn(changed))
                                .defaultIfEmpty(agent))))
                .doOnNext(agent -> access.evict(id));
    }

    /** Asks the agent to stop: its next heartbeat answers {@code stop}; it finishes its running work and exits. */
    public Mono<Agent> requestStop(UUID id) {
        return Access.currentTenantAdmin().flatMap(caller -> database.inTenant(caller.tenantId(),
                agents.requestStop(id, clock.instant())))
                .switchIfEmpty(Mono.error(AgentService::notFound))
                .doOnNext(agent -> access.evict(id));
    }

    public Mono<Void> delete(UUID id) {
        return Access.currentTenantAdmin().flatMap(caller -> database.inTenant(caller.tenantId(),
                agents.delete(id).flatMap(agent -> outbox.enqueue(AgentEvents.deleted(agent, clock.instant()))
                        .thenReturn(agent))))
                .switchIfEmpty(Mono.error(AgentService::notFound))
                .doOnNext(agent -> access.evict(id))
                .then();
    }

    private Mono<Agent> change(UUID id, java.util.function.Function<Instant, Mono<Agent>> update, String type) {
        return Access.currentTenantAdmin().flatMap(caller -> database.inTenant(caller.tenantId(),
                update.apply(clock.instant())
                        .flatMap(agent -> outbox.enqueue(AgentEvents.snapshot(type, agent, clock.instant()))
                                .thenReturn(agent))))
                .switchIfEmpty(Mono.error(AgentService::notFound));
    }

    private static NotFoundException notFound() {
        return new NotFoundException("agent");
    }
}
