package io.cygnetci.release.deployment.domain;

import java.time.Instant;
import java.util.UUID;

import io.cygnetci.platform.data.Keyset;
import io.cygnetci.platform.data.PageRequest;
import io.cygnetci.platform.data.Rows;
import io.cygnetci.platform.data.TenantDatabase;
import io.r2dbc.spi.Readable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient.GenericExecuteSpec;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Repository;

/** SQL over {@code deployments}, {@code deployment_runs} and {@code approvals}, inside the caller's transaction. */
@Repository
public class DeploymentRepository {

    /** How many deployments a sliding window holds, and when the oldest of them was asked for. */
    public record Window(long count, Instant oldest) {
    }

    private final TenantDatabase database;

    public DeploymentRepository(TenantDatabase database) {
        this.database = database;
    }

    public Mono<Deployment> findById(UUID id) {
        return database.client().sql("select * from deployments where id = :id").bind("id", id)
                .map(DeploymentRepository::map).one();
    }

    public Mono<Deployment> lock(UUID id) {
        return database.client().sql("select * from deployments where id = :id for update").bind("id", id)
                .map(DeploymentRepository::map).one();
    }

    /** The newest deployment of the release in each environment it was deployed to. */
    public Flux<Deployment> latestPerEnvironment(UUID releaseId) {
        return database.client().sql("""
                select distinct on (environment_id) * from deployments where release_id = :release
                order by environment_id, seq desc""")
                .bind("release", releaseId).map(DeploymentRepository::map).all();
    }

    /** The deployment holding the environment's lock, if any. */
    public Mono<Deployment> activeIn(UUID environmentId) {
        return database.client().sql("select * from deployments where environment_id = :env "
                + "and status in ('awaiting_approval', 'running')").bind("env", environmentId)
                .map(DeploymentRepository::map).one();
    }

    public Mono<Window> createdSince(Instant since) {
        return database.client().sql("select count(*) as n, min(created_at) as oldest from deployments "
                + "where " + TenantDatabase.CURRENT_TENANT + " and created_at > :since").bind("since", Rows.timestamp(since))
                .map(row -> new Window(row.get("n", Long.class), Rows.instant(row, "oldest"))).one();
    }

    public Mono<Deployment> insert(Deployment d) {
        return database.client().sql("""
                insert into deployments (id, tenant_id, release_id, environment_id, environment_name, status,
                    required_approvals, requested_by, created_at, started_at)
                values (:id, :tenant, :release, :env, :envName, :status, :approvals, :requestedBy, :createdAt,
                    :startedAt)
                returning *""")
                .bind("id", d.id()).bind("tenant", d.tenantId()).bind("release", d.releaseId())
                .bind("env", d.environmentId()).bind("envName", d.environmentName()).bind("status", d.status())
                .bind("approvals", d.requiredApprovals())
                .bind("requestedBy", Parameter.fromOrEmpty(d.requestedBy(), UUID.class))
                .bind("createdAt", Rows.timestamp(d.createdAt())).bind("startedAt", Rows.timestamp(d.startedAt()))
                .map(DeploymentRepository::map).one();
    }

    public Mono<Deployment> start(UUID id, Instant now) {
        return database.client().sql("update deployments set status = 'running', started_at = :now where id = :id "
                + "returning *").bind("id", id).bind("now", Rows.timestamp(now)).map(DeploymentRepository::map).one();
    }

    public Mono<Deployment> finish(UUID id, String status, String reason, Instant now) {
        return database.client().sql("update deployments set status = :status, reason = :reason, "
                + "finished_at = :now where id = :id returning *")
                .bind("id", id).bind("status", status).bind("reason", Parameter.fromOrEmpty(reason, String.class))
                .bind("now", Rows.timestamp(now)).map(DeploymentRepository::map).one();
    }

    public Flux<Deployment> list(DeploymentQuery query, PageRequest page) {
        String sql = "select * from deployments where " + TenantDatabase.CURRENT_TENANT + " and " + Keyset.after("id")
                + (query.releaseId() == null ? "" : " and release_id = :release")
                + (query.environmentId() == null ? "" : " and environment_id = :env")
                + (query.status() == null ? "" : " and status = :status") + Keyset.ORDER_AND_LIMIT;
        GenericExecuteSpec spec = database.client().sql(sql);
        if (query.releaseId() != null) {
            spec = spec.bind("release", query.releaseId());
        }
        if (query.environmentId() != null) {
            spec = spec.bind("env", query.environmentId());
        }
        if (query.status() != null) {
            spec = spec.bind("status", query.status());
        }
        return Keyset.bind(spec, page).map(DeploymentRepository::map).all();
    }

    // ---- runs

    public Mono<Long> insertRun(UUID tenantId, UUID deploymentId, UUID pipelineId, String pipelineName) {
        return database.client().sql("""
                insert into deployment_runs (deployment_id, pipeline_id, tenant_id, pipeline_name)
                values (:deployment, :pipeline, :tenant, :name)""")
                .bind("deployment", deploymentId).bind("pipeline", pipelineId).bind("tenant", tenantId)
                .bind("name", pipelineName).fetch().rowsUpdated();
    }

    public Flux<DeploymentRun> runs(UUID deploymentId) {
        return database.client().sql("select * from deployment_runs where deployment_id = :id order by pipeline_name, "
                + "pipeline_id").bind("id", deploymentId).map(DeploymentRepository::mapRun).all();
    }

    /** Records what an execution of the deployment's pipeline reported; the newest execution of a pipeline wins. */
    public Mono<Long> updateRun(UUID deploymentId, UUID pipelineId, UUID executionId, String status, String reason) {
        return database.client().sql("""
                update deployment_runs set execution_id = :execution, status = :status, reason = :reason,
                    updated_at = clock_timestamp()
                where deployment_id = :deployment and pipeline_id = :pipeline""")
                .bind("deployment", deploymentId).bind("pipeline", pipelineId)
                .bind("execution", Parameter.fromOrEmpty(executionId, UUID.class)).bind("status", status)
                .bind("reason", Parameter.fromOrEmpty(reason, String.class)).fetch().rowsUpdated();
    }

    // ---- approvals

    public Flux<Approval> approvals(UUID deploymentId) {
        return database.client().sql("select * from approvals where deployment_id = :id order by created_at")
                .bind("id", deploymentId)
                .map(row -> new Approval(row.get("deployment_id", UUID.class), row.get("user_id", UUID.class),
                        row.get("decision", String.class), row.get("comment", String.class),
                        Rows.instant(row, "created_at")))
                .all();
    }

    public Mono<Long> insertApproval(UUID tenantId, Approval a) {
        return database.client().sql("""
                insert into approvals (deployment_id, user_id, tenant_id, decision, comment, created_at)
                values (:deployment, :user, :tenant, :decision, :comment, :now)""")
                .bind("deployment", a.deploymentId()).bind("user", a.userId()).bind("tenant", tenantId)
                .bind("decision", a.decision()).bind("comment", Parameter.fromOrEmpty(a.comment(), String.class))
                .bind("now", Rows.timestamp(a.createdAt())).fetch().rowsUpdated();
    }

    static Deployment map(Readable row) {
        return new Deployment(row.get("id", UUID.class), row.get("tenant_id", UUID.class),
                row.get("release_id", UUID.class), row.get("environment_id", UUID.class),
                row.get("environment_name", String.class), row.get("status", String.class),
                row.get("reason", String.class), row.get("required_approvals", Integer.class),
                row.get("requested_by", UUID.class), Rows.instant(row, "created_at"), Rows.instant(row, "started_at"),
                Rows.instant(row, "finished_at"));
    }

    private static DeploymentRun mapRun(Readable row) {
        return new DeploymentRun(row.get("deployment_id", UUID.class), row.get("pipeline_id", UUID.class),
                row.get("pipeline_name", String.class), row.get("execution_id", UUID.class),
                row.get("status", String.class), row.get("reason", String.class));
    }
}
