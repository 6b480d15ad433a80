package io.cygnetci.pipeline.execution.domain;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.cygnetci.platform.data.Keyset;
import io.cygnetci.platform.data.PageRequest;
import io.cygnetci.platform.data.Rows;
import io.cygnetci.platform.data.TenantDatabase;
import io.r2dbc.postgresql.codec.Json;
import io.r2dbc.spi.Readable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.r2dbc.core.DatabaseClient.GenericExecuteSpec;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Repository;

/** SQL over {@code executions} and {@code execution_steps}; every method runs in the caller's transaction. */
@Repository
public class ExecutionRepository {

    private static final TypeReference<Map<String, String>> STRINGS = new TypeReference<>() {
    };
    private static final String FINISH_DURATION =
            "duration_ms = case when started_at is null then null"
            + " else (extract(epoch from (cast(:now as timestamptz) - started_at)) * 1000)::bigint end";

    private final TenantDatabase database;
    private final JsonMapper json;

    public ExecutionRepository(TenantDatabase database, JsonMapper json) {
        this.database = database;
        this.json = json;
    }

    public Mono<Execution> insert(Execution e) {
        return database.client().sql("""
                insert into executions (id, tenant_id, pipeline_id, pipeline_name, pipeline_version, number, status,
                    repository, ref, agent_id, agent_labels, parameters, secret_names, retry_of, release_id,
                    deployment_id, environment_id, triggered_by, created_at)
                values (:id, :tenant, :pipeline, :pipelineName, :version, :number, 'queued', :repository, :ref,
                    :agent, :labels, cast(:parameters as json), :secrets, :retryOf, :release, :deployment, :environment,
                    :triggeredBy, :now)
                returning *""")
                .bind("id", e.id()).bind("tenant", e.tenantId()).bind("pipeline", e.pipelineId())
                .bind("pipelineName", e.pipelineName()).bind("version", e.pipelineVersion())
                .bind("number", e.number())
                .bind("repository", Parameter.fromOrEmpty(e.repository(), String.class))
                .bind("ref", Parameter.fromOrEmpty(e.ref(), String.class))
                .bind("agent", Parameter.fromOrEmpty(e.agentId(), UUID.class))
                .bind("labels", e.agentLabels().toArray(String[]::new))
                // as text: a jsonb parameter would lose the parameters' order on its way into the json column
                .bind("parameters", json.writeValueAsString(e.parameters()))
                .bind("secrets", e.secretNames().toArray(String[]::new))
                .bind("retryOf", Parameter.fromOrEmpty(e.retryOf(), UUID.class))
                .bind("release", Parameter.fromOrEmpty(e.origin().releaseId(), UUID.class))
                .bind("deployment", Parameter.fromOrEmpty(e.origin().deploymentId(), UUID.class))
                .bind("environment", Parameter.fromOrEmpty(e.origin().environmentId(), UUID.class))
                .bind("triggeredBy", Parameter.fromOrEmpty(e.triggeredBy(), UUID.class))
                .bind("now", Rows.timestamp(e.createdAt()))
                .map(this::map).one();
    }

    public Mono<Void> insertStep(UUID tenantId, ExecutionStep s) {
        return database.client().sql("""
                insert into execution_steps (execution_id, idx, tenant_id, name, command, timeout_seconds,
                    continue_on_error, env)
                values (:execution, :idx, :tenant, :name, :command, :timeout, :continueOnError, :env)""")
                .bind("execution", s.executionId()).bind("idx", s.index()).bind("tenant", tenantId)
                .bind("name", s.name()).bind("command", s.command()).bind("timeout", s.timeoutSeconds())
                .bind("continueOnError", s.continueOnError()).bind("env", Json.of(json.writeValueAsString(s.env())))
                .fetch().rowsUpdated().then();
    }

    public Mono<Execution> findById(UUID id) {
        return database.client().sql("select * from executions where id = :id").bind("id", id).map(this::map).one();
    }

    public Mono<Execution> lock(UUID id) {
        return database.client().sql("select * from executions where id = :id for update").bind("id", id)
                .map(this::map).one();
    }

    /**
     * The execution, locked, with what the agent view says of {@code agentId} (one round trip for the job protocol's
     * every call).
     */
    public Mono<Claimed> lockForAgent(UUID id, UUID agentId) {
        return database.client().sql("""
                select e.*, a.agent_id as known_agent, a.deleted as agent_deleted, a.credential_id as agent_credential
                from executions e left join agents a on a.agent_id = :agent
                where e.id = :id for update of e""")
                .bind("id", id).bind("agent", agentId)
                .map(row -> new Claimed(map(row), row.get("known_agent", UUID.class) != null,
                        Boolean.TRUE.equals(row.get("agent_deleted", Boolean.class)),
                        row.get("agent_credential", UUID.class)))
                .one();
    }

    /** An execution with the agent view's facts about the agent asking for it. */
    public record Claimed(Execution execution, boolean agentKnown, boolean agentDeleted, UUID agentCredential) {
    }

    public Flux<ExecutionStep> steps(UUID executionId) {
        return database.client().sql("select * from execution_steps where execution_id = :id order by idx")
                .bind("id", executionId).map(this::mapStep).all();
    }

    public Mono<ExecutionStep> findStep(UUID executionId, int index) {
        return database.client().sql("select * from execution_steps where execution_id = :id and idx = :idx")
                .bind("id", executionId).bind("idx", index).map(this::mapStep).one();
    }

    public Mono<ExecutionStep> lockStep(UUID executionId, int index) {
        return database.client().sql("select * from execution_steps where execution_id = :id and idx = :idx "
                + "for update").bind("id", executionId).bind("idx", index).map(this::mapStep).one();
    }

    public Flux<Execution> list(ExecutionQuery query, PageRequest page) {
        StringBuilder sql = new StringBuilder("select * from executions where ").append(TenantDatabase.CURRENT_TENANT).append(" and ").append(Keyset.after("id"));
        if (query.status() != null) {
            sql.append(" and status = :status");
        }
        if (query.pipelineId() != null) {
            sql.append(" and pipeline_id = :pipeline");
        }
        if (query.from() != null) {
            sql.append(" and created_at >= :from");
        }
        if (query.to() != null) {
            sql.append(" and created_at < :to");
        }
        GenericExecuteSpec spec = database.client().sql(sql + Keyset.ORDER_AND_LIMIT);
        if (query.status() != null) {
            spec = spec.bind("status", query.status());
        }
        if (query.pipelineId() != null) {
            spec = spec.bind("pipeline", query.pipelineId());
        }
        if (query.from() != null) {
            spec = spec.bind("from", Rows.timestamp(query.from()));
        }
        if (query.to() != null) {
            spec = spec.bind("to", Rows.timestamp(query.to()));
        }
        return Keyset.bind(spec, page).map(this::map).all();
    }

    public Mono<PipelineStats> stats(UUID pipelineId) {
        return database.client().sql("""
                select count(*) as executions,
                    count(*) filter (where status = 'queued') as queued,
                    count(*) filter (where status = 'running') as running,
                    count(*) filter (where status = 'succeeded') as succeeded,
                    count(*) filter (where status = 'failed') as failed,
                    count(*) filter (where status = 'cancelled') as cancelled,
                    count(*) filter (where status = 'timed_out') as timed_out,
                    avg(duration_ms) filter (where finished_at is not null) as average,
                    percentile_cont(0.95) within group (order by duration_ms)
                        filter (where finished_at is not null and duration_ms is not null) as p95,
                    max(created_at) as last_at
                from executions where\s""" + TenantDatabase.CURRENT_TENANT + " and pipeline_id = :pipeline")
                .bind("pipeline", pipelineId)
                .map(row -> {
                    long succeeded = row.get("succeeded", Long.class);
                    long failed = row.get("failed", Long.class);
                    long timedOut = row.get("timed_out", Long.class);
                    long decided = succeeded + failed + timedOut;
                    Number average = row.get("average", Number.class);
                    Number p95 = row.get("p95", Number.class);
                    return new PipelineStats(row.get("executions", Long.class), row.get("queued", Long.class),
                            row.get("running", Long.class), succeeded, failed, row.get("cancelled", Long.class),
                            timedOut, decided == 0 ? null : (double) succeeded / decided,
                            average == null ? null : Math.round(average.doubleValue()),
                            p95 == null ? null : Math.round(p95.doubleValue()), Rows.instant(row, "last_at"));
                }).one();
    }

    /** How many executions the tenant created since {@code since}, and when the oldest of them was created. */
    public Mono<Window> createdSince(Instant since) {
        return database.client().sql("select count(*) as n, min(created_at) as oldest from executions "
                + "where " + TenantDatabase.CURRENT_TENANT + " and created_at > :since").bind("since", Rows.timestamp(since))
                .map(row -> new Window(row.get("n", Long.class), Rows.instant(row, "oldest"))).one();
    }

    public record Window(long count, Instant oldest) {
    }

    /**
     * Claims the oldest queued execution this agent may run, atomically: {@code SKIP LOCKED} lets racing claims
     * pass over a row another transaction is taking, so no two agents ever get the same one.
     */
    public Mono<Execution> claim(UUID agentId, List<String> labels, Instant now) {
        return database.client().sql("""
                with candidate as (
                    select id from executions
                    where status = 'queued' and (agent_id = :agent or (agent_id is null and agent_labels <@ :labels))
                    order by created_at, id
                    limit 1
                    for update skip locked)
                update executions e set status = 'running', claimed_by = :agent, started_at = :now
                from candidate where e.id = candidate.id
                returning e.*""")
                .bind("agent", agentId).bind("labels", labels.toArray(String[]::new)).bind("now", Rows.timestamp(now))
                .map(this::map).one();
    }

    public Mono<ExecutionStep> startStep(UUID executionId, int index, Instant now) {
        return database.client().sql("""
                update execution_steps set status = 'running', started_at = :now
                where execution_id = :id and idx = :idx and status = 'pending' returning *""")
                .bind("id", executionId).bind("idx", index).bind("now", Rows.timestamp(now))
                .map(this::mapStep).one();
    }

    public Mono<ExecutionStep> finishStep(UUID executionId, int index, String status, Integer exitCode, Instant now) {
        return database.client().sql("""
                update execution_steps set status = :status, exit_code = :exit, finished_at = :now,
                    started_at = case when :status = 'skipped' then started_at else coalesce(started_at, :now) end,
                """ + FINISH_DURATION + """

                where execution_id = :id and idx = :idx and status in ('pending', 'running') returning *""")
                .bind("id", executionId).bind("idx", index).bind("status", status)
                .bind("exit", Parameter.fromOrEmpty(exitCode, Integer.class)).bind("now", Rows.timestamp(now))
                .map(this::mapStep).one();
    }

    /** Ends the steps still open when their execution ends: a running one with {@code status}, the rest skipped. */
    public Mono<Void> closeOpenSteps(UUID executionId, String status, Instant now) {
        return database.client().sql("""
                update execution_steps set status = case when status = 'running' then :status else 'skipped' end,
                    finished_at = :now,
                """ + FINISH_DURATION + """

                where execution_id = :id and status in ('pending', 'running')""")
                .bind("id", executionId).bind("status", status).bind("now", Rows.timestamp(now))
                .fetch().rowsUpdated().then();
    }

    /** Ends a queued or running execution; empty when it had already ended. */
    public Mono<Execution> finish(UUID id, String status, String reason, Instant now) {
        return database.client().sql("""
                update executions set status = :status, reason = :reason, finished_at = :now,
                """ + FINISH_DURATION + """

                where id = :id and status in ('queued', 'running') returning *""")
                .bind("id", id).bind("status", status).bind("reason", Parameter.fromOrEmpty(reason, String.class))
                .bind("now", Rows.timestamp(now))
                .map(this::map).one();
    }

    public Mono<Execution> requestCancel(UUID id, Instant now) {
        return database.client().sql("""
                update executions set cancel_requested_at = coalesce(cancel_requested_at, :now)
                where id = :id and status = 'running' returning *""")
                .bind("id", id).bind("now", Rows.timestamp(now)).map(this::map).one();
    }

    /** A claimed execution back in the queue, as if never claimed. */
    public Mono<Execution> requeue(UUID id) {
        return database.client().sql("""
                update executions set status = 'queued', claimed_by = null, started_at = null
                where id = :id and status = 'running' returning *""")
                .bind("id", id).map(this::map).one();
    }

    public Flux<UUID> queuedIds() {
        return database.client().sql("select id from executions where status = 'queued' order by created_at, id")
                .map(row -> row.get("id", UUID.class)).all();
    }

    /** The executions of a deployment that have not finished, with their rows locked. */
    public Flux<Execution> unfinishedOfDeployment(UUID tenantId, UUID deploymentId) {
        return database.client().sql("select * from executions where tenant_id = :tenant and deployment_id = :deployment "
                + "and status in ('queued', 'running') order by created_at, id for update")
                .bind("tenant", tenantId).bind("deployment", deploymentId).map(this::map).all();
    }

    public Flux<UUID> runningOn(UUID agentId) {
        return database.client().sql("select id from executions where claimed_by = :agent and status = 'running'")
                .bind("agent", agentId).map(row -> row.get("id", UUID.class)).all();
    }

    public Execution map(Readable row) {
        String[] labels = row.get("agent_labels", String[].class);
        String[] secrets = row.get("secret_names", String[].class);
        return new Execution(row.get("id", UUID.class), row.get("tenant_id", UUID.class),
                row.get("pipeline_id", UUID.class), row.get("pipeline_name", String.class),
                row.get("pipeline_version", Integer.class), row.get("number", Long.class),
                row.get("status", String.class), row.get("reason", String.class), row.get("repository", String.class),
                row.get("ref", String.class), row.get("agent_id", UUID.class),
                labels == null ? List.of() : Arrays.asList(labels),
                json.readValue(row.get("parameters", Json.class).asString(), STRINGS),
                secrets == null ? List.of() : Arrays.asList(secrets), row.get("claimed_by", UUID.class),
                row.get("retry_of", UUID.class),
                new Execution.Origin(row.get("release_id", UUID.class), row.get("deployment_id", UUID.class),
                        row.get("environment_id", UUID.class)),
                row.get("triggered_by", UUID.class), Rows.instant(row, "cancel_requested_at"),
                Rows.instant(row, "created_at"), Rows.instant(row, "started_at"), Rows.instant(row, "finished_at"),
                row.get("duration_ms", Long.class));
    }

    ExecutionStep mapStep(Readable row) {
        return new ExecutionStep(row.get("execution_id", UUID.class), row.get("idx", Integer.class),
                row.get("name", String.class), row.get("command", String.class),
                row.get("timeout_seconds", Integer.class),
                Boolean.TRUE.equals(row.get("continue_on_error", Boolean.class)),
                json.readValue(row.get("env", Json.class).asString(), STRINGS), row.get("status", String.class),
                row.get("exit_code", Integer.class), Rows.instant(row, "started_at"),
                Rows.instant(row, "finished_at"), row.get("duration_ms", Long.class),
                row.get("log_received", Long.class), row.get("log_stored", Long.class),
                Boolean.TRUE.equals(row.get("log_truncated", Boolean.class)));
    }
}
