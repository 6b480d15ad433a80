package io.cygnetci.tenant.user.domain;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.cygnetci.platform.data.DbScope;
import io.cygnetci.platform.data.TenantDatabase;
import io.cygnetci.platform.events.outbox.Outbox;
import io.cygnetci.platform.problem.ConflictException;
import io.cygnetci.platform.problem.ForbiddenException;
import io.cygnetci.platform.problem.NotFoundException;
import io.cygnetci.platform.security.CurrentCaller;
import io.cygnetci.platform.security.CygnetPrincipal;
import io.cygnetci.platform.security.Roles;
import io.cygnetci.tenant.audit.domain.AuditLog;
import io.cygnetci.tenant.membership.domain.MembershipRepository;
import io.cygnetci.tenant.membership.domain.UserTenant;
import io.cygnetci.tenant.tenant.event.TenantEvents;
import reactor.core.publisher.Mono;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;

/** Users: created by platform admins and tenant admins; visible to themselves and to the tenants they share. */
@Service
public class UserService {

    private final TenantDatabase database;
    private final UserRepository users;
    private final MembershipRepository memberships;
    private final PasswordHasher hasher;
    private final Outbox outbox;
    private final AuditLog audit;

    public UserService(TenantDatabase database, UserRepository users, MembershipRepository memberships,
            PasswordHasher hasher, Outbox outbox, AuditLog audit) {
        this.database = database;
        this.users = users;
        this.memberships = memberships;
        this.hasher = hasher;
        this.outbox = outbox;
        this.audit = audit;
    }

    public Mono<User> create(String email, String password, String displayName) {
        return CurrentCaller.require().flatMap(caller -> {
            if (!caller.platformAdmin() && !caller.hasRole(Roles.TENANT_ADMIN)) {
                return Mono.error(new ForbiddenException("Creating users needs the tenant_admin role."));
            }
            UUID eventTenant = caller.tenant().orElse(TenantEvents.PLATFORM_TENANT);
            DbScope scope = caller.tenant().map(DbScope::tenant).orElse(DbScope.platformWide());
            return hasher.hash(password).flatMap(hash -> database.in(scope, users.findByEmail(email)
                    .flatMap(existing -> Mono.<User>error(emailTaken()))
                    .switchIfEmpty(Mono.defer(() -> users.insert(
                            new User(UUID.randomUUID(), email.trim(), displayName, hash, false, null))))
                    .flatMap(user -> outbox.enqueue(TenantEvents.userCreated(eventTenant, user.id()))
                            .then(caller.tenant().isPresent()
                                    ? audit.record(eventTenant, "user.created", "user", user.id(), Map.of())
                                    : Mono.empty())
                            .thenReturn(user))))
                    .onErrorMap(DataIntegrityViolationException.class, ex -> emailTaken());
        });
    }

    /** The caller themself, or (for others) a user of the caller's current tenant; anyone else: 404. */
    public Mono<User> get(UUID id) {
        return CurrentCaller.require().flatMap(caller -> {
            if (caller.userId().equals(id) || caller.platformAdmin()) {
                return database.in(DbScope.user(caller.userId()), users.findById(id));
            }
            return caller.tenant().map(tenant -> database.inTenant(tenant, users.findInCurrentTenant(id)))
                    .orElse(Mono.empty());
        }).switchIfEmpty(Mono.error(() -> new NotFoundException("user")));
    }

    public Mono<List<UserTenant>> tenantsOf(UUID userId) {
        return self(userId).then(database.in(DbScope.user(userId), memberships.tenantsOf(userId)));
    }

    public Mono<List<UserTenant>> setDefaultTenant(UUID userId, UUID tenantId) {
        DbScope scope = new DbScope(tenantId, userId, false);
        return self(userId).then(database.in(scope, memberships.find(tenantId, userId)
                .switchIfEmpty(Mono.error(() -> new NotFoundException("membership")))
                .flatMap(m -> memberships.setDefault(userId, tenantId))
                .then(audit.record(tenantId, "user.default_tenant_set", "user", userId, Map.of()))
                .then(memberships.tenantsOf(userId))));
    }

    private static Mono<CygnetPrincipal> self(UUID userId) {
        return CurrentCaller.require().flatMap(caller -> caller.userId().equals(userId) || caller.platformAdmin()
                ? Mono.just(caller) : Mono.error(new NotFoundException("user")));
    }

    private static ConflictException emailTaken() {
        return new ConflictException("email-taken", "A user with this email already exists.");
    }
}
