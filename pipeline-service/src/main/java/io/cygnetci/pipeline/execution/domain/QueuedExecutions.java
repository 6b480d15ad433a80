package io.cygnetci.pipeline.execution.domain;

import java.time.Clock;
import java.util.UUID;

import io.cygnetci.platform.data.TenantDatabase;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

/** Cancels every queued execution of a tenant that may no longer run work; running ones finish. */
@Component
public class QueuedExecutions {

    private final TenantDatabase database;
    private final ExecutionRepository executions;
    private final ExecutionOutcomes outcomes;
    private final Clock clock;

    public QueuedExecutions(TenantDatabase database, ExecutionRepository executions, ExecutionOutcomes outcomes,
            Clock clock) {
        this.database = database;
        this.executions = executions;
        this.outcomes = outcomes;
        this.clock = clock;
    }

    public Mono<Void> cancelAll(UUID tenantId, String reason) {
        return database.inTenant(tenantId, executions.queuedIds()
                .concatMap(id -> outcomes.end(id, ExecutionStatus.CANCELLED, reason, clock.instant()))
                .then());
    }
}
