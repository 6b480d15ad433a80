package io.cygnetci.tenant.auth.domain;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.cygnetci.platform.data.DbScope;
import io.cygnetci.platform.data.TenantDatabase;
import io.cygnetci.platform.problem.ApiException;
import io.cygnetci.platform.problem.ForbiddenException;
import io.cygnetci.platform.problem.NotFoundException;
import io.cygnetci.platform.security.CurrentCaller;
import io.cygnetci.tenant.audit.domain.AuditLog;
import io.cygnetci.tenant.membership.domain.MembershipRepository;
import io.cygnetci.tenant.membership.domain.UserTenant;
import io.cygnetci.tenant.user.domain.PasswordHasher;
import io.cygnetci.tenant.user.domain.User;
import io.cygnetci.tenant.user.domain.UserRepository;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/** Email-and-password login and tenant switching: both answer a token for exactly one active tenant. */
@Service
public class LoginService {

    static final class InvalidCredentialsException extends ApiException {

        InvalidCredentialsException() {
            super(HttpStatus.UNAUTHORIZED, "invalid-credentials", "Invalid email or password.");
        }
    }

    private final TenantDatabase database;
    private final UserRepository users;
    private final MembershipRepository memberships;
    private final PasswordHasher hasher;
    private final LoginThrottle throttle;
    private final TokenIssuer issuer;
    private final AuditLog audit;

    public LoginService(TenantDatabase database, UserRepository users, MembershipRepository memberships,
            PasswordHasher hasher, LoginThrottle throttle, TokenIssuer issuer, AuditLog audit) {
        this.database = database;
        this.users = users;
        this.memberships = memberships;
        this.hasher = hasher;
        this.throttle = throttle;
        this.issuer = issuer;
        this.audit = audit;
    }

    /**
     * @param tenant a tenant id or slug; without it the user's default tenant
     */
    public Mono<IssuedToken> login(String email, String password, String tenant, String clientAddress) {
        return Mono.fromRunnable(() -> throttle.check(email, clientAddress))
                .then(users.findByEmail(email).map(Optional::of).defaultIfEmpty(Optional.empty()))
                .flatMap(user -> hasher.matches(password, user.map(User::passwordHash).orElse(null))
                        .flatMap(ok -> {
                            if (!ok || user.isEmpty()) {
                                throttle.failed(email, clientAddress);
                                return Mono.error(new InvalidCredentialsException());
                            }
                            throttle.succeeded(email, clientAddress);
                            return tokenFor(user.get(), tenant);
                        }));
    }

    private Mono<IssuedToken> tokenFor(User user, String selector) {
        return database.in(DbScope.user(user.id()), memberships.tenantsOf(user.id())).map(tenants -> {
            if (tenants.isEmpty()) {
                if (user.platformAdmin() && selector == null) {
                    return issuer.issue(user, null);
                }
                throw new ForbiddenException("You are not a member of any tenant.");
            }
            UserTenant chosen = choose(tenants, selector);
            if (!chosen.active()) {
                throw new ForbiddenException("The tenant is deactivated.");
            }
            return issuer.issue(user, chosen);
        });
    }

    /** The named tenant; without a name the default, or the first active one when the default is deactivated. */
    private static UserTenant choose(List<UserTenant> tenants, String selector) {
        if (selector == null || selector.isBlank()) {
            UserTenant preferred = tenants.stream().filter(UserTenant::isDefault).findFirst().orElse(tenants.get(0));
            return preferred.active() ? preferred
                    : tenants.stream().filter(UserTenant::active).findFirst().orElse(preferred);
        }
        return tenants.stream()
                .filter(t -> t.slug().equals(selector) || t.tenantId().toString().equalsIgnoreCase(selector))
                .findFirst()
                .orElseThrow(() -> new NotFoundException("tenant"));
    }

    /** A new token for another tenant the caller belongs to; recorded in that tenant's audit log. */
    public Mono<IssuedToken> switchTo(UUID tenantId) {
        return CurrentCaller.require().flatMap(caller -> database.in(new DbScope(tenantId, caller.userId(), false),
                users.findById(caller.userId())
                        .switchIfEmpty(Mono.error(() -> new NotFoundException("tenant")))
                        .flatMap(user -> memberships.tenantsOf(user.id()).flatMap(tenants -> {
                            UserTenant target = tenants.stream().filter(t -> t.tenantId().equals(tenantId)).findFirst()
                                    .orElse(null);
                            if (target == null) {
                                return Mono.error(new NotFoundException("tenant"));
                            }
                            if (!target.active()) {
                                return Mono.error(new ForbiddenException("The tenant is deactivated."));
                            }
                            return audit.record(tenantId, "tenant.switched", "user", user.id(), Map.of())
                                    .thenReturn(issuer.issue(user, target));
                        }))));
    }
}
