package io.cygnetci.tenant.membership.domain;

import java.util.Map;
import java.util.UUID;

import io.cygnetci.platform.data.Cursor;
import io.cygnetci.platform.data.Page;
import io.cygnetci.platform.data.PageRequest;
import io.cygnetci.platform.data.TenantDatabase;
import io.cygnetci.platform.events.outbox.Outbox;
import io.cygnetci.platform.problem.ConflictException;
import io.cygnetci.platform.problem.NotFoundException;
import io.cygnetci.platform.security.Roles;
import io.cygnetci.platform.security.Access;
import io.cygnetci.tenant.audit.domain.AuditLog;
import io.cygnetci.tenant.tenant.event.TenantEvents;
import io.cygnetci.tenant.user.domain.User;
import io.cygnetci.tenant.user.domain.UserRepository;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Service;

/** A tenant's members: tenant admins manage them, every member may list them. */
@Service
public class MembershipService {

    /** How a new member is named: by user id or by email. */
    public record UserRef(UUID userId, String email) {
    }

    public record Capacity(long count, int capacity) {
    }

    private final TenantDatabase database;
    private final MembershipRepository memberships;
    private final UserRepository users;
    private final Outbox outbox;
    private final AuditLog audit;

    public MembershipService(TenantDatabase database, MembershipRepository memberships, UserRepository users,
            Outbox outbox, AuditLog audit) {
        this.database = database;
        this.memberships = memberships;
        this.users = users;
        this.outbox = outbox;
        this.audit = audit;
    }

    public Mono<Page<Member>> list(UUID tenantId, String q, String role, PageRequest page) {
        return Access.reader(tenantId).then(database.inTenant(tenantId, memberships.members(tenantId, q, role, page)))
                .map(rows -> Page.of(rows, page, m -> new Cursor(m.createdAt(), m.userId())));
    }

    public Mono<Capacity> capacity(UUID tenantId) {
        return Access.reader(tenantId).then(database.inTenant(tenantId,
                Mono.zip(memberships.count(tenantId), memberships.maxUsers(tenantId))
                        .map(t -> new Capacity(t.getT1(), t.getT2()))))
                .switchIfEmpty(Mono.error(() -> new NotFoundException("tenant")));
    }

    public Mono<Member> add(UUID tenantId, UserRef ref, String role) {
        return Access.admin(tenantId).then(database.inTenant(tenantId, memberships.lockTenantCapacity(tenantId)
                .switchIfEmpty(Mono.error(() -> new NotFoundException("tenant")))
                .flatMap(capacity -> resolve(ref).flatMap(user -> memberships.find(tenantId, user.id())
                        .flatMap(existing -> Mono.<Member>error(new ConflictException("already-member",
                                "The user is already a member of this tenant.")))
                        .switchIfEmpty(Mono.defer(() -> memberships.count(tenantId).flatMap(count -> count >= capacity
                                ? Mono.error(new ConflictException("user-limit-reached", "The tenant has reached its "
                                        + "limit of " + capacity + " users."))
                                : memberships.insert(tenantId, user.id(), role)
                                        .flatMap(m -> outbox.enqueue(TenantEvents.memberAdded(tenantId, user.id(), role))
                                                .then(audit.record(tenantId, "member.added", "user", user.id(),
                                                        Map.of("role", role)))
                                                .thenReturn(new Member(user.id(), user.email(), user.displayName(),
                                                        role, m.createdAt()))))))))));
    }

    public Mono<Member> changeRole(UUID tenantId, UUID userId, String role) {
        return Access.admin(tenantId).then(database.inTenant(tenantId, memberships.find(tenantId, userId)
                .switchIfEmpty(Mono.error(() -> new NotFoundException("member")))
                .flatMap(current -> keepsAnAdmin(tenantId, current, role)
                        .then(memberships.updateRole(tenantId, userId, role))
                        .flatMap(updated -> outbox.enqueue(TenantEvents.memberRoleChanged(tenantId, userId, role,
                                current.role()))
                                .then(audit.record(tenantId, "member.role_changed", "user", userId,
                                        Map.of("role", role, "previous_role", current.role())))
                                .then(users.findById(userId))
                                .map(user -> new Member(userId, user.email(), user.displayName(), role,
                                        updated.createdAt()))))));
    }

    public Mono<Void> remove(UUID tenantId, UUID userId) {
        return Access.admin(tenantId).then(database.inTenant(tenantId, memberships.find(tenantId, userId)
                .switchIfEmpty(Mono.error(() -> new NotFoundException("member")))
                .flatMap(current -> keepsAnAdmin(tenantId, current, null)
                        .then(memberships.delete(tenantId, userId))
                        .then(outbox.enqueue(TenantEvents.memberRemoved(tenantId, userId)))
                        .then(audit.record(tenantId, "member.removed", "user", userId, Map.of("role", current.role()))))
                .then()));
    }

    /**
     * A tenant with members keeps at least one tenant_admin: the last one can be neither demoted nor removed while
     * anyone else remains (as the last member they may leave, so an empty tenant can be deleted).
     */
    private Mono<Void> keepsAnAdmin(UUID tenantId, Membership current, String newRole) {
        if (!Roles.TENANT_ADMIN.equals(current.role()) || Roles.TENANT_ADMIN.equals(newRole)) {
            return Mono.empty();
        }
        boolean removal = newRole == null;
        // the tenant row lock serialises concurrent demotions and removals of admins
        return memberships.lockTenantCapacity(tenantId)
                .then(Mono.zip(memberships.countRole(tenantId, Roles.TENANT_ADMIN), memberships.count(tenantId)))
                .flatMap(counts -> counts.getT1() <= 1 && !(removal && counts.getT2() == 1)
                        ? Mono.error(new ConflictException("last-admin",
                                "A tenant with members keeps at least one tenant_admin."))
                        : Mono.empty());
    }

    private Mono<User> resolve(UserRef ref) {
        Mono<User> user = ref.userId() != null ? users.findById(ref.userId()) : users.findByEmail(ref.email());
        return user.switchIfEmpty(Mono.error(() -> new NotFoundException("user")));
    }
}
