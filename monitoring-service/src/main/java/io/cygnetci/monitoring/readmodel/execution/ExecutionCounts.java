package io.cygnetci.monitoring.readmodel.execution;

import java.util.Set;
import java.util.UUID;

import io.cygnetci.platform.data.TenantDatabase;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Repository;

/** The {@code execution_counts} read model: executions queued, and finished by status, per tenant. */
@Repository
class ExecutionCounts {

    private static final Set<String> FINISHED = Set.of("succeeded", "failed", "cancelled", "timed_out");

    private final TenantDatabase database;

    ExecutionCounts(TenantDatabase database) {
        this.database = database;
    }

    Mono<Void> queued(UUID tenantId) {
        return database.client().sql("""
                insert into execution_counts (tenant_id, total) values (:tenant, 1)
                on conflict (tenant_id) do update set total = execution_counts.total + 1""")
                .bind("tenant", tenantId).then();
    }

    Mono<Void> finished(UUID tenantId, String status) {
        if (!FINISHED.contains(status)) {
            return Mono.empty();
        }
        // the column is one of four fixed names, never input
        return database.client().sql("insert into execution_counts (tenant_id, " + status + ") values (:tenant, 1) "
                + "on conflict (tenant_id) do update set " + status + " = execution_counts." + status + " + 1")
                .bind("tenant", tenantId).then();
    }
}
