package io.cygnetci.monitoring.check.domain;

import java.time.Instant;
import java.util.UUID;

import io.cygnetci.monitoring.activity.domain.Activity;
import io.cygnetci.monitoring.activity.domain.ActivityLog;
import io.cygnetci.monitoring.check.event.HealthEvents;
import io.cygnetci.platform.data.TenantDatabase;
import io.cygnetci.platform.events.outbox.Outbox;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

/**
 * Records a run's outcome in the check's tenant: the result in the history, the check's state, and, when the
 * status changed, a {@code status-changed} event and an activity line, all in one transaction.
 */
@Component
public class CheckRecorder {

    private final TenantDatabase database;
    private final HealthCheckRepository checks;
    private final Outbox outbox;
    private final ActivityLog activity;
    private final HealthMetrics metrics;

    public CheckRecorder(TenantDatabase database, HealthCheckRepository checks, Outbox outbox, ActivityLog activity,
            HealthMetrics metrics) {
        this.database = database;
        this.checks = checks;
        this.outbox = outbox;
        this.activity = activity;
        this.metrics = metrics;
    }

    /** Nothing is recorded for a check deleted while it ran. */
    public Mono<CheckResult> record(HealthCheck claimed, Probe.Outcome outcome, Instant at) {
        CheckResult result = new CheckResult(UUID.randomUUID(), claimed.id(), outcome.status(), outcome.responseMs(),
                outcome.error(), at);
        return database.inTenant(claimed.tenantId(), checks.lock(claimed.id()).flatMap(current -> checks
                .insertResult(current.tenantId(), result)
                .then(checks.recordState(current.id(), result))
                .then(current.status().equals(result.status()) ? Mono.empty()
                        : outbox.enqueue(HealthEvents.statusChanged(current, current.status(), result))
                                .flatMap(eventId -> activity.record(Activity.of(eventId, current.tenantId(), "service",
                                        severity(result.status()), line(current, result), current.id(), at))))
                .thenReturn(result)))
                .doOnNext(recorded -> metrics.checked(claimed.tenantId(), recorded));
    }

    static String line(HealthCheck check, CheckResult result) {
        String service = "Service " + check.name();
        return switch (result.status()) {
            case HealthCheck.HEALTHY -> HealthCheck.UNKNOWN.equals(check.status()) ? service + " is healthy"
                    : service + " is healthy again";
            case HealthCheck.WARNING -> service + " warning: " + result.error();
            default -> service + " down: " + result.error();
        };
    }

    private static String severity(String status) {
        return switch (status) {
            case HealthCheck.HEALTHY -> Activity.SUCCESS;
            case HealthCheck.WARNING -> Activity.WARNING;
            default -> Activity.ERROR;
        };
    }
}
