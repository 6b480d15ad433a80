package io.cygnetci.monitoring.check.domain;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

import io.cygnetci.monitoring.config.MonitoringProperties;
import io.cygnetci.platform.data.Page;
import io.cygnetci.platform.data.PageRequest;
import io.cygnetci.platform.data.TenantDatabase;
import io.cygnetci.platform.problem.BadRequestException;
import io.cygnetci.platform.problem.ConflictException;
import io.cygnetci.platform.problem.NotFoundException;
import io.cygnetci.platform.security.Access;
import io.cygnetci.platform.data.Cursor;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Service;

/**
 * A tenant's monitored services: every member reads; members and tenant admins define them. A target must pass
 * {@link TargetGuard} when it is defined (400 otherwise) and again before every run.
 */
@Service
public class HealthCheckService {

    private final TenantDatabase database;
    private final HealthCheckRepository checks;
    private final TargetGuard guard;
    private final Clock clock;
    private final int maxPerTenant;

    public HealthCheckService(TenantDatabase database, HealthCheckRepository checks, TargetGuard guard, Clock clock,
            MonitoringProperties properties) {
        this.database = database;
        this.checks = checks;
        this.guard = guard;
        this.clock = clock;
        this.maxPerTenant = properties.checks().maxPerTenant();
    }

    public Mono<HealthCheck> create(HealthCheckDefinition definition) {
        return Access.currentTenantWriter().flatMap(caller -> vet(definition).then(database.inTenant(
                lockTenant(caller.tenantId()).then(checks.count()).flatMap(count -> count >= maxPerTenant
                        ? Mono.error(new ConflictException("quota-exceeded", "The tenant has reached its limit of "
                                + maxPerTenant + " monitored services."))
                        : checks.nameTaken(definition.name(), null))
                        .flatMap(taken -> taken ? Mono.error(nameTaken(definition.name()))
                                : checks.insert(UUID.randomUUID(), caller.tenantId(), definition, clock.instant())))));
    }

    public Mono<HealthCheck> get(UUID id) {
        return Access.currentTenantReader().then(database.inTenant(checks.findById(id)))
                .switchIfEmpty(Mono.error(() -> new NotFoundException("service")));
    }

    public Mono<Page<HealthCheck>> list(String status, String q, PageRequest page) {
        return Access.currentTenantReader().then(database.inTenant(checks.list(status, q, page).collectList()))
                .map(rows -> Page.of(rows, page, c -> new Cursor(c.createdAt(), c.id())));
    }

    public Mono<HealthCheck> update(UUID id, HealthCheckDefinition definition) {
        return Access.currentTenantWriter().then(vet(definition)).then(database.inTenant(checks.lock(id)
                .switchIfEmpty(Mono.error(() -> new NotFoundException("service")))
                .flatMap(current -> checks.nameTaken(definition.name(), id).flatMap(taken -> taken
                        ? Mono.error(nameTaken(definition.name()))
                        : checks.update(id, definition, targetChanged(current, definition), clock.instant())))));
    }

    public Mono<Void> delete(UUID id) {
        return Access.currentTenantWriter().then(database.inTenant(checks.delete(id)))
                .flatMap(deleted -> deleted == 0 ? Mono.error(new NotFoundException("service")) : Mono.empty());
    }

    /** The check's results, newest first. */
    public Mono<List<CheckResult>> history(UUID id, Instant since, int limit) {
        return Access.currentTenantReader().then(database.inTenant(checks.findById(id)
                .switchIfEmpty(Mono.error(() -> new NotFoundException("service")))
                .flatMap(check -> checks.results(id, since, limit).collectList())));
    }

    private Mono<Void> vet(HealthCheckDefinition definition) {
        String field = HealthCheck.HTTP.equals(definition.kind()) ? "url" : "host";
        return guard.vet(definition.targetHost()).then()
                .onErrorMap(TargetRefusedException.class, ex -> BadRequestException.field(field, ex.getMessage()));
    }

    /** Serializes creations of one tenant, so two at once cannot both pass the limit. */
    private Mono<Void> lockTenant(UUID tenantId) {
        return database.client().sql("select pg_advisory_xact_lock(hashtextextended(:key, 0))")
                .bind("key", "services:" + tenantId).then();
    }

    private static boolean targetChanged(HealthCheck current, HealthCheckDefinition d) {
        return !Objects.equals(current.kind(), d.kind()) || !Objects.equals(current.url(), d.url())
                || !Objects.equals(current.host(), d.host()) || !Objects.equals(current.port(), d.port())
                || !Objects.equals(current.expectedStatus(), HealthCheck.HTTP.equals(d.kind()) ? d.expectedStatus()
                        : null)
                || !Objects.equals(current.bodyContains(), d.bodyContains());
    }

    private static ConflictException nameTaken(String name) {
        return new ConflictException("name-taken", "A monitored service named '" + name + "' already exists.");
    }
}
