package io.cygnetci.release.release.domain;

import java.time.Instant;
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

/** SQL over {@code releases}; every method runs inside the caller's tenant transaction. */
@Repository
public class ReleaseRepository {

    private static final TypeReference<List<Release.ReleasePipeline>> PIPELINES = new TypeReference<>() {
    };
    private static final TypeReference<List<Release.Artifact>> ARTIFACTS = new TypeReference<>() {
    };

    private final TenantDatabase database;
    private final JsonMapper json;

    public ReleaseRepository(TenantDatabase database, JsonMapper json) {
        this.database = database;
        this.json = json;
    }

    public Mono<Release> findById(UUID id) {
        return database.client().sql("select * from releases where id = :id").bind("id", id).map(this::map).one();
    }

    /** The release with its row locked until the transaction ends (its deployments are decided in turn). */
    public Mono<Release> lock(UUID id) {
        return database.client().sql("select * from releases where id = :id for update").bind("id", id)
                .map(this::map).one();
    }

    public Mono<Boolean> exists(String name, String version) {
        return database.client().sql("select exists (select 1 from releases where name = :name "
                + "and version = :version) as taken").bind("name", name).bind("version", version)
                .map(row -> Boolean.TRUE.equals(row.get("taken", Boolean.class))).one();
    }

    public Mono<Release> insert(Release r) {
        return database.client().sql("""
                insert into releases (id, tenant_id, name, version, notes, pipelines, artifacts, status, created_by,
                    created_at, updated_at)
                values (:id, :tenant, :name, :version, :notes, :pipelines, :artifacts, :status, :createdBy, :now,
                    :now)
                returning *""")
                .bind("id", r.id()).bind("tenant", r.tenantId()).bind("name", r.name()).bind("version", r.version())
                .bind("notes", Parameter.fromOrEmpty(r.notes(), String.class))
                .bind("pipelines", Json.of(json.writeValueAsString(r.pipelines())))
                .bind("artifacts", Json.of(json.writeValueAsString(r.artifacts())))
                .bind("status", r.status())
                .bind("createdBy", Parameter.fromOrEmpty(r.createdBy(), UUID.class))
                .bind("now", Rows.timestamp(r.createdAt()))
                .map(this::map).one();
    }

    public Mono<Release> setStatus(UUID id, String status, Instant now) {
        return database.client().sql("update releases set status = :status, updated_at = :now where id = :id "
                + "returning *").bind("id", id).bind("status", status).bind("now", Rows.timestamp(now))
                .map(this::map).one();
    }

    public Flux<Release> list(String status, String q, PageRequest page) {
        String sql = "select * from releases where " + TenantDatabase.CURRENT_TENANT + " and " + Keyset.after("id")
                + (status == null ? "" : " and status = :status")
                + (q == null ? "" : " and (name ilike :q or version ilike :q)") + Keyset.ORDER_AND_LIMIT;
        GenericExecuteSpec spec = database.client().sql(sql);
        if (status != null) {
            spec = spec.bind("status", status);
        }
        if (q != null) {
            spec = spec.bind("q", "%" + q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
        }
        return Keyset.bind(spec, page).map(this::map).all();
    }

    private Release map(Readable row) {
        return new Release(row.get("id", UUID.class), row.get("tenant_id", UUID.class), row.get("name", String.class),
                row.get("version", String.class), row.get("notes", String.class),
                json.readValue(row.get("pipelines", Json.class).asString(), PIPELINES),
                json.readValue(row.get("artifacts", Json.class).asString(), ARTIFACTS),
                row.get("status", String.class), row.get("created_by", UUID.class), Rows.instant(row, "created_at"),
                Rows.instant(row, "updated_at"));
    }
}
