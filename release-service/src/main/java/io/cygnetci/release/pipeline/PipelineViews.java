package io.cygnetci.release.pipeline;

import java.util.Collection;
import java.util.UUID;

import io.cygnetci.platform.data.TenantDatabase;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

/** The local view of pipelines in the {@code pipelines} table, fed by {@code cygnetci.pipelines.v1}. */
@Component
public class PipelineViews {

    private final TenantDatabase database;

    public PipelineViews(TenantDatabase database) {
        this.database = database;
    }

    /** Sets what an event says of a pipeline. Ids are never reused, so a deleted pipeline stays deleted. */
    public Mono<Void> apply(PipelineView view) {
        return database.inTenant(view.tenantId(), database.client().sql("""
                insert into pipelines (pipeline_id, tenant_id, name, deleted) values (:id, :tenant, :name, :deleted)
                on conflict (pipeline_id) do update set name = excluded.name, deleted = excluded.deleted,
                    updated_at = clock_timestamp()
                where not pipelines.deleted""")
                .bind("id", view.pipelineId()).bind("tenant", view.tenantId()).bind("name", view.name())
                .bind("deleted", view.deleted())
                .fetch().rowsUpdated().then());
    }

    /** The caller's tenant's pipelines among {@code ids} that exist; runs inside the caller's tenant transaction. */
    public Flux<PipelineView> findExisting(Collection<UUID> ids) {
        return database.client().sql("select * from pipelines where pipeline_id = any(:ids) and not deleted")
                .bind("ids", ids.toArray(UUID[]::new))
                .map(row -> new PipelineView(row.get("pipeline_id", UUID.class), row.get("tenant_id", UUID.class),
                        row.get("name", String.class), false))
                .all();
    }
}
