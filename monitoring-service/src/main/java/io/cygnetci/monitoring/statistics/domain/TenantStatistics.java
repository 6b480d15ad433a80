package io.cygnetci.monitoring.statistics.domain;

import java.util.UUID;

/** What a tenant's dashboard shows, from the read models and the tenant's own health checks. */
public record TenantStatistics(UUID tenantId, Agents agents, Pipelines pipelines, Executions executions,
        Releases releases, Services services, Users users) {

    public record Agents(long total, long online) {
    }

    public record Pipelines(long total) {
    }

    /** @param successRate succeeded out of finished, 0 to 1; null while none has finished */
    public record Executions(long total, long succeeded, long failed, long cancelled, long timedOut,
            Double successRate) {

        static Executions of(long total, long succeeded, long failed, long cancelled, long timedOut) {
            long finished = succeeded + failed + cancelled + timedOut;
            Double rate = finished == 0 ? null : Math.round(succeeded * 10000.0 / finished) / 10000.0;
            return new Executions(total, succeeded, failed, cancelled, timedOut, rate);
        }
    }

    /** @param active releases being deployed: from their first deployment until they complete */
    public record Releases(long total, long active) {
    }

    public record Services(long total, long healthy, long warning, long down) {
    }

    public record Users(long total) {
    }
}
