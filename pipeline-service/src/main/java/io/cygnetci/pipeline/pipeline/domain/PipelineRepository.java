package io.cygnetci.pipeline.pipeline.domain;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
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

/** SQL over {@code pipelines}; every method runs inside the caller's tenant transaction. */
@Repository
public class PipelineRepository {

    private static final TypeReference<List<StepDefinition>> STEPS = new TypeReference<>() {
    };
    private static final TypeReference<List<ParameterDefinition>> PARAMETERS = new TypeReference<>() {
    };

    private final TenantDatabase database;
    private final JsonMapper json;

    public PipelineRepository(TenantDatabase database, JsonMapper json) {
        this.database = database;
        this.json = json;
    }

    public Mono<Pipeline> findById(UUID id) {
        return database.client().sql("select * from pipelines where id = :id").bind("id", id).map(this::map).one();
    }

    /** The pipeline with its row locked until the transaction ends (numbering executions in turn). */
    public Mono<Pipeline> lock(UUID id) {
        return database.client().sql("select * from pipelines where id = :id for update").bind("id", id)
                .map(this::map).one();
    }

    public Mono<Long> count() {
        return database.client().sql("select count(*) as n from pipelines where " + TenantDatabase.CURRENT_TENANT).map(row -> row.get("n", Long.class)).one();
    }

    public Mono<Boolean> nameTaken(String name, UUID except) {
        return database.client().sql("select exists (select 1 from pipelines where lower(name) = lower(:name) "
                + "and id <> :except) as taken").bind("name", name)
                .bind("except", except == null ? new UUID(0, 0) : except)
                .map(row -> Boolean.TRUE.equals(row.get("taken", Boolean.class))).one();
    }

    public Mono<Pipeline> insert(UUID id, UUID tenantId, PipelineDefinition d, UUID createdBy, Instant now) {
        return bind(database.client().sql("""
                insert into pipelines (id, tenant_id, name, description, repository, ref, agent_id, agent_labels,
                    steps, parameters, created_by, created_at, updated_at)
                values (:id, :tenant, :name, :description, :repository, :ref, :agent, :labels, :steps, :parameters,
                    :createdBy, :now, :now)
                returning *"""), d)
                .bind("id", id).bind("tenant", tenantId).bind("now", Rows.timestamp(now))
                .bind("createdBy", Parameter.fromOrEmpty(createdBy, UUID.class))
                .map(this::map).one();
    }

    public Mono<Pipeline> replace(UUID id, PipelineDefinition d, Instant now) {
        return bind(database.client().sql("""
                update pipelines set name = :name, description = :description, repository = :repository,
                    ref = :ref, agent_id = :agent, agent_labels = :labels, steps = :steps, parameters = :parameters,
                    version = version + 1, updated_at = :now
                where id = :id returning *"""), d)
                .bind("id", id).bind("now", Rows.timestamp(now))
                .map(this::map).one();
    }

    /** Takes the next execution number of a locked pipeline. */
    public Mono<Long> takeNumber(UUID id) {
        return database.client().sql("update pipelines set next_number = next_number + 1 where id = :id "
                + "returning next_number - 1 as number").bind("id", id).map(row -> row.get("number", Long.class)).one();
    }

    public Mono<Pipeline> delete(UUID id) {
        return database.client().sql("delete from pipelines where id = :id returning *").bind("id", id)
                .map(this::map).one();
    }

    public Flux<Pipeline> list(String q, PageRequest page) {
        String sql = "select * from pipelines where " + TenantDatabase.CURRENT_TENANT + " and " + Keyset.after("id")
                + (q == null ? "" : " and (name ilike :q or description ilike :q)") + Keyset.ORDER_AND_LIMIT;
        GenericExecuteSpec spec = database.client().sql(sql);
        if (q != null) {
            spec = spec.bind("q", "%" + q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
        }
        return Keyset.bind(spec, page).map(this::map).all();
    }

    private GenericExecuteSpec bind(GenericExecuteSpec spec, PipelineDefinition d) {
        return spec.bind("name", d.name())
                .bind("description", Parameter.fromOrEmpty(d.description(), String.class))
                .bind("repository", Parameter.fromOrEmpty(d.repository(), String.class))
                .bind("ref", Parameter.fromOrEmpty(d.ref(), String.class))
                .bind("agent", Parameter.fromOrEmpty(d.agentId(), UUID.class))
                .bind("labels", d.agentLabels().toArray(String[]::new))
                .bind("steps", Json.of(json.writeValueAsString(d.steps())))
                .bind("parameters", Json.of(json.writeValueAsString(d.parameters())));
    }

    private Pipeline map(Readable row) {
        String[] labels = row.get("agent_labels", String[].class);
        return new Pipeline(row.get("id", UUID.class), row.get("tenant_id", UUID.class), row.get("name", String.class),
                row.get("description", String.class), row.get("repository", String.class),
                row.get("ref", String.class), row.get("agent_id", UUID.class),
                labels == null ? List.of() : Arrays.asList(labels),
                json.readValue(row.get("steps", Json.class).asString(), STEPS),
                json.readValue(row.get("parameters", Json.class).asString(), PARAMETERS),
                row.get("version", Integer.class), row.get("created_by", UUID.class), Rows.instant(row, "created_at"),
                Rows.instant(row, "updated_at"));
    }
}
