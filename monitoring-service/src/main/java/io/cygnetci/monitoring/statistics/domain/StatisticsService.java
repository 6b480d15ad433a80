package io.cygnetci.monitoring.statistics.domain;

import java.util.UUID;

import io.cygnetci.platform.data.DbScope;
import io.cygnetci.platform.data.TenantDatabase;
import io.cygnetci.platform.security.Access;
import io.r2dbc.spi.Readable;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Service;

/** A tenant's dashboard numbers; any member of the tenant (or a platform admin) may read them, others get 404. */
@Service
public class StatisticsService {

    private static final String QUERY = """
            select
              (select count(*) from agents where tenant_id = :tenant and not deleted) as agents_total,
              (select count(*) from agents where tenant_id = :tenant and not deleted and status = 'online') as agents_online,
              (select count(*) from pipelines where tenant_id = :tenant and not deleted) as pipelines_total,
              (select count(*) from releases where tenant_id = :tenant) as releases_total,
              (select count(*) from releases where tenant_id = :tenant and status = 'in_progress') as releases_active,
              (select count(*) from services where tenant_id = :tenant) as services_total,
              (select count(*) from services where tenant_id = :tenant and status = 'healthy') as services_healthy,
              (select count(*) from services where tenant_id = :tenant and status = 'warning') as services_warning,
              (select count(*) from services where tenant_id = :tenant and status = 'down') as services_down,
              (select count(*) from members where tenant_id = :tenant) as users_total,
              coalesce(e.total, 0) as executions_total, coalesce(e.succeeded, 0) as executions_succeeded,
              coalesce(e.failed, 0) as executions_failed, coalesce(e.cancelled, 0) as executions_cancelled,
              coalesce(e.timed_out, 0) as executions_timed_out
            from (select 1) as one left join execution_counts e on e.tenant_id = :tenant""";

    private final TenantDatabase database;

    public StatisticsService(TenantDatabase database) {
        this.database = database;
    }

    public Mono<TenantStatistics> of(UUID tenantId) {
        // Row-Level Security scopes every count to the tenant: the query cannot see another tenant's rows
        return Access.reader(tenantId).then(database.in(DbScope.tenant(tenantId), database.client().sql(QUERY)
                .bind("tenant", tenantId).map(row -> map(tenantId, row)).one()));
    }

    private static TenantStatistics map(UUID tenantId, Readable row) {
        return new TenantStatistics(tenantId,
                new TenantStatistics.Agents(n(row, "agents_total"), n(row, "agents_online")),
                new TenantStatistics.Pipelines(n(row, "pipelines_total")),
                TenantStatistics.Executions.of(n(row, "executions_total"), n(row, "executions_succeeded"),
                        n(row, "executions_failed"), n(row, "executions_cancelled"), n(row, "executions_timed_out")),
                new TenantStatistics.Releases(n(row, "releases_total"), n(row, "releases_active")),
                new TenantStatistics.Services(n(row, "services_total"), n(row, "services_healthy"),
                        n(row, "services_warning"), n(row, "services_down")),
                new TenantStatistics.Users(n(row, "users_total")));
    }

    private static long n(Readable row, String column) {
        Number value = row.get(column, Number.class);
        return value == null ? 0 : value.longValue();
    }
}
