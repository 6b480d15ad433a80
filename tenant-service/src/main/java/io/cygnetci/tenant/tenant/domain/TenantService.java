package io.cygnetci.tenant.tenant.domain;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import io.cygnetci.platform.data.Cursor;
import io.cygnetci.platform.data.DbScope;
import io.cygnetci.platform.data.Page;
import io.cygnetci.platform.data.PageRequest;
import io.cygnetci.platform.data.TenantDatabase;
import io.cygnetci.platform.events.outbox.Outbox;
import io.cygnetci.platform.problem.ConflictException;
import io.cygnetci.platform.problem.ForbiddenException;
import io.cygnetci.platform.problem.NotFoundException;
import io.cygnetci.platform.tenancy.TenantContext;
import io.cygnetci.platform.security.Access;
import io.cygnetci.tenant.audit.domain.AuditLog;
import io.cygnetci.tenant.membership.domain.MembershipRepository;
import io.cygnetci.tenant.tenant.event.TenantEvents;
import reactor.core.publisher.Mono;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;

/** Tenant lifecycle: every change commits with its audit record and its event, or not at all. */
@Service
public class TenantService {

    private final TenantDatabase database;
    private final TenantRepository tenants;
    private final MembershipRepository memberships;
    private final Outbox outbox;
    private final AuditLog audit;
    private final TenantStatusCache statusCache;

    public TenantService(TenantDatabase database, TenantRepository tenants, MembershipRepository memberships,
            Outbox outbox, AuditLog audit, TenantStatusCache statusCache) {
        this.database = database;
        this.tenants = tenants;
        this.memberships = memberships;
        this.outbox = outbox;
        this.audit = audit;
        this.statusCache = statusCache;
    }

    public Mono<Tenant> create(Tenant draft) {
        return Access.platformAdmin().flatMap(admin -> {
            Tenant tenant = new Tenant(UUID.randomUUID(), draft.slug(), draft.displayName(), draft.description(),
                    draft.contactEmail(), draft.contactPhone(), draft.address(), draft.logoUrl(), draft.settings(),
                    draft.plan(), true, null, null, admin.userId());
            return database.in(DbScope.platformWide(), tenants.slugTaken(tenant.slug())
                    .flatMap(taken -> taken ? Mono.error(slugTaken()) : tenants.insert(tenant))
                    .flatMap(created -> outbox.enqueue(TenantEvents.tenant(TenantEvents.CREATED, created))
                            .then(audit.record(created.id(), "tenant.created", "tenant", created.id(),
                                    Map.of("slug", created.slug())))
                            .thenReturn(created)))
                    .onErrorMap(DataIntegrityViolationException.class, ex -> slugTaken());
        });
    }

    public Mono<Tenant> get(UUID id) {
        return Access.reader(id).then(database.inTenant(id, tenants.findById(id)))
                .switchIfEmpty(Mono.error(() -> new NotFoundException("tenant")));
    }

    public Mono<Tenant> current() {
        return TenantContext.current().switchIfEmpty(Mono.error(() -> new NotFoundException("tenant")))
                .flatMap(this::get);
    }

    /**
     * Platform admins see every tenant; everyone else only the tenant of their token (a token is scoped to one
     * tenant; the tenants a user may switch to are listed by {@code GET /users/{id}/tenants}).
     */
    public Mono<Page<Tenant>> list(TenantQuery query, PageRequest page) {
        return io.cygnetci.platform.security.CurrentCaller.require()
                .flatMap(caller -> caller.platformAdmin()
                        ? database.in(DbScope.platformWide(), tenants.list(query, page))
                        : caller.tenant().map(tenant -> database.in(DbScope.tenant(tenant), tenants.list(query, page)))
                                .orElse(Mono.just(java.util.List.of())))
                .map(rows -> Page.of(rows, page, t -> new Cursor(t.createdAt(), t.id())));
    }

    public Mono<Tenant> update(UUID id, TenantChanges changes) {
        return Access.admin(id).flatMap(caller -> {
            if (changes.touchesPlan() && !caller.platformAdmin()) {
                return Mono.error(new ForbiddenException("Only platform admins change plan limits."));
            }
            return database.inTenant(id, tenants.findById(id)
                    .switchIfEmpty(Mono.error(() -> new NotFoundException("tenant")))
                    .flatMap(current -> tenants.update(changes.applyTo(current)))
                    .flatMap(updated -> outbox.enqueue(TenantEvents.tenant(TenantEvents.UPDATED, updated))
                            .then(audit.record(id, "tenant.updated", "tenant", id, changedFields(changes)))
                            .thenReturn(updated)));
        });
    }

    public Mono<Tenant> setActive(UUID id, boolean active) {
        String type = active ? TenantEvents.ACTIVATED : TenantEvents.DEACTIVATED;
        return Access.platformAdmin().then(database.inTenant(id, tenants.findById(id)
                .switchIfEmpty(Mono.error(() -> new NotFoundException("tenant")))
                .flatMap(current -> current.active() == active ? Mono.just(current)
                        : tenants.setActive(id, active)
                                .flatMap(changed -> outbox.enqueue(TenantEvents.tenant(type, changed))
                                        .then(audit.record(id, active ? "tenant.activated" : "tenant.deactivated",
                                                "tenant", id, Map.of()))
                                        .thenReturn(changed)))))
                .doOnSuccess(changed -> statusCache.forget(id));
    }

    /** Deleting is refused while members remain: remove them first. */
    public Mono<Void> delete(UUID id) {
        // deleting a tenant row is a platform operation (RLS allows it only in the platform scope)
        return Access.platformAdmin().then(database.in(new DbScope(id, null, true), tenants.findById(id)
                .switchIfEmpty(Mono.error(() -> new NotFoundException("tenant")))
                .flatMap(tenant -> memberships.count(id).flatMap(members -> members > 0
                        ? Mono.error(new ConflictException("tenant-has-members",
                                "The tenant still has " + members + " member(s); remove them first."))
                        : tenants.delete(id)
                                .filter(deleted -> deleted == 1)
                                .switchIfEmpty(Mono.error(() -> new NotFoundException("tenant")))
                                .then(outbox.enqueue(TenantEvents.deleted(tenant)))
                                .then(audit.record(id, "tenant.deleted", "tenant", id, Map.of("slug", tenant.slug())))))
                .then()))
                .doOnSuccess(done -> statusCache.forget(id));
    }

    private static ConflictException slugTaken() {
        return new ConflictException("slug-taken", "A tenant with this slug already exists.");
    }

    private static Map<String, Object> changedFields(TenantChanges c) {
        Map<String, Object> fields = new LinkedHashMap<>();
        put(fields, "display_name", c.displayName());
        put(fields, "description", c.description());
        put(fields, "contact_email", c.contactEmail());
        put(fields, "contact_phone", c.contactPhone());
        put(fields, "address", c.address());
        put(fields, "logo_url", c.logoUrl());
        put(fields, "settings", c.settings());
        put(fields, "max_users", c.maxUsers());
        put(fields, "max_agents", c.maxAgents());
        put(fields, "max_pipelines", c.maxPipelines());
        put(fields, "requests_per_minute", c.requestsPerMinute());
        put(fields, "deployments_per_hour", c.deploymentsPerHour());
        put(fields, "executions_per_hour", c.executionsPerHour());
        return Map.of("changed", fields.keySet());
    }

    private static void put(Map<String, Object> fields, String name, Object value) {
        if (value != null) {
            fields.put(name, value);
        }
    }
}
