package io.cygnetci.release.environment.domain;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.cygnetci.platform.data.TenantDatabase;
import io.cygnetci.platform.problem.BadRequestException;
import io.cygnetci.platform.problem.ConflictException;
import io.cygnetci.platform.problem.NotFoundException;
import io.cygnetci.platform.security.Access;
import io.cygnetci.release.tenant.TenantViews;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Service;

/** A tenant's environments: every member reads them, tenant admins shape them. */
@Service
public class EnvironmentService {

    /** More stages than this is a misconfiguration, not a promotion path. */
    public static final int MAX_ENVIRONMENTS = 20;

    private final TenantDatabase database;
    private final EnvironmentRepository environments;
    private final TenantViews tenants;
    private final Clock clock;

    public EnvironmentService(TenantDatabase database, EnvironmentRepository environments, TenantViews tenants,
            Clock clock) {
        this.database = database;
        this.environments = environments;
        this.tenants = tenants;
        this.clock = clock;
    }

    public Mono<List<Environment>> list() {
        return Access.currentTenantReader().flatMap(caller -> database.inTenant(caller.tenantId(),
                tenants.ensure(caller.tenantId()).then(environments.list().collectList())));
    }

    public Mono<Environment> get(UUID id) {
        return Access.currentTenantReader().flatMap(caller -> database.inTenant(caller.tenantId(),
                environments.findById(id)))
                .switchIfEmpty(Mono.error(EnvironmentService::notFound));
    }

    /** Adds an environment at {@code position} (the later ones move down) or last. */
    public Mono<Environment> create(EnvironmentDefinition definition) {
        return Access.currentTenantAdmin().flatMap(caller -> database.inTenant(caller.tenantId(),
                tenants.lock(caller.tenantId()).then(environments.count()).flatMap(count -> {
                    if (count >= MAX_ENVIRONMENTS) {
                        return Mono.error(new ConflictException("quota-exceeded",
                                "A tenant has at most " + MAX_ENVIRONMENTS + " environments."));
                    }
                    int last = count.intValue() + 1;
                    int position = position(definition.position(), last);
                    return checkName(definition.name(), null)
                            .then(environments.shift(position, last, 1))
                            .then(Mono.defer(() -> environments.insert(UUID.randomUUID(), caller.tenantId(),
                                    definition, position, clock.instant())));
                })));
    }

    /** Changes an environment; a new position moves the environments in between by one. */
    public Mono<Environment> update(UUID id, EnvironmentDefinition definition) {
        return Access.currentTenantAdmin().flatMap(caller -> database.inTenant(caller.tenantId(),
                tenants.lock(caller.tenantId()).then(environments.findById(id))
                        .switchIfEmpty(Mono.error(EnvironmentService::notFound))
                        .flatMap(existing -> environments.count().flatMap(count -> {
                            int from = existing.position();
                            int to = definition.position() == null ? from : position(definition.position(),
                                    count.intValue());
                            Mono<Long> move = to < from ? environments.shift(to, from - 1, 1)
                                    : to > from ? environments.shift(from + 1, to, -1) : Mono.just(0L);
                            return checkName(definition.name(), id).then(move)
                                    .then(Mono.defer(() -> environments.update(id, definition, to,
                                            clock.instant())));
                        }))));
    }

    /** Removes an environment nothing was deployed to; the later ones move up. */
    public Mono<Void> delete(UUID id) {
        return Access.currentTenantAdmin().flatMap(caller -> database.inTenant(caller.tenantId(),
                tenants.lock(caller.tenantId()).then(environments.findById(id))
                        .switchIfEmpty(Mono.error(EnvironmentService::notFound))
                        .flatMap(existing -> environments.hasDeployments(id).flatMap(used -> used
                                ? Mono.error(new ConflictException("environment-in-use", "Releases have been "
                                        + "deployed to " + existing.name() + "; it stays for their history."))
                                : environments.delete(id)
                                        .then(environments.shift(existing.position() + 1, Integer.MAX_VALUE, -1))))))
                .then();
    }

    /** Freezes the environment from {@code from} (null: now) until {@code until}. */
    public Mono<Environment> freeze(UUID id, Instant from, Instant until, String reason) {
        Instant now = clock.instant();
        if (!until.isAfter(now)) {
            throw BadRequestException.field("until", "must be in the future");
        }
        if (from != null && !until.isAfter(from)) {
            throw BadRequestException.field("until", "must be after from");
        }
        return Access.currentTenantAdmin().flatMap(caller -> database.inTenant(caller.tenantId(),
                environments.setFreeze(id, new Freeze(from, until, reason), now)))
                .switchIfEmpty(Mono.error(EnvironmentService::notFound));
    }

    public Mono<Environment> unfreeze(UUID id) {
        return Access.currentTenantAdmin().flatMap(caller -> database.inTenant(caller.tenantId(),
                environments.setFreeze(id, null, clock.instant())))
                .switchIfEmpty(Mono.error(EnvironmentService::notFound));
    }

    private static int position(Integer wanted, int last) {
        if (wanted == null) {
            return last;
        }
        if (wanted < 1 || wanted > last) {
            throw BadRequestException.field("position", "must be between 1 and " + last);
        }
        return wanted;
    }

    private Mono<Void> checkName(String name, UUID except) {
        return environments.nameTaken(name, except).flatMap(taken -> taken
                ? Mono.error(new ConflictException("name-taken", "An environment named '" + name
                        + "' already exists."))
                : Mono.empty());
    }

    public static NotFoundException notFound() {
        return new NotFoundException("environment");
    }
}
