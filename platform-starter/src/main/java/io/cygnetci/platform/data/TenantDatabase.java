package io.cygnetci.platform.data;

import java.util.UUID;

import io.cygnetci.platform.tenancy.TenantContext;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * Runs units of work in a transaction that first sets the Row-Level Security context with
 * {@code set_config(..., true)}: the setting ends with the transaction, so a pooled connection never carries one
 * tenant's context into another's work. Without a scope, tenant-owned tables show nothing.
 */
public class TenantDatabase {

    /**
     * "Rows of this unit of work's tenant", for the WHERE clause of a query over a tenant-owned table. Row-Level
     * Security filters the same rows anyway, but its policy's "or platform scope" branch keeps the planner from
     * using the {@code (tenant_id, ...)} indexes: without this, a tenant's list or count reads every tenant's rows
     * (1.3 s instead of 40 ms for one page of 100,000 pipelines; see docs/performance.md, "Lists at scale").
     */
    public static final String CURRENT_TENANT = "tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid";

    private static final String SET_SCOPE = "select set_config('app.tenant_id', :tenant, true),"
            + " set_config('app.user_id', :user, true), set_config('app.scope', :scope, true)";

    private final DatabaseClient client;
    private final TransactionalOperator transactions;

    public TenantDatabase(DatabaseClient client, TransactionalOperator transactions) {
        this.client = client;
        this.transactions = transactions;
    }

    /** The client to use inside a unit of work (it joins the surrounding transaction). */
    public DatabaseClient client() {
        return client;
    }

    /** Runs {@code work} for the tenant in the Reactor Context (an error if there is none). */
    public <T> Mono<T> inTenant(Mono<T> work) {
        return TenantContext.require().flatMap(tenant -> in(DbScope.tenant(tenant), work));
    }

    public <T> Flux<T> inTenantMany(Flux<T> work) {
        return TenantContext.require().flatMapMany(tenant -> inMany(DbScope.tenant(tenant), work));
    }

    /** Runs {@code work} for an explicit tenant (event consumers, background jobs). */
    public <T> Mono<T> inTenant(UUID tenantId, Mono<T> work) {
        return in(DbScope.tenant(tenantId), work).contextWrite(TenantContext.with(tenantId));
    }

    public <T> Mono<T> in(DbScope scope, Mono<T> work) {
        return transactions.transactional(setScope(scope).then(work));
    }

    public <T> Flux<T> inMany(DbScope scope, Flux<T> work) {
        return transactions.transactional(setScope(scope).thenMany(work));
    }

    private Mono<Void> setScope(DbScope scope) {
        // then(), not fetch().first(): first() cancels the query after its row, and a query cancelled before the
        // driver has read its end can leave the connection stuck (r2dbc-postgresql #661): the next work on it hangs
        return client.sql(SET_SCOPE)
                .bind("tenant", scope.tenantId() == null ? "" : scope.tenantId().toString())
                .bind("user", scope.userId() == null ? "" : scope.userId().toString())
                .bind("scope", scope.platform() ? "platform" : "")
                .then();
    }
}
