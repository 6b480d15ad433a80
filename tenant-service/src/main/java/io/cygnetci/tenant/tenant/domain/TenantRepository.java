package io.cygnetci.tenant.tenant.domain;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.cygnetci.platform.data.Keyset;
import io.cygnetci.platform.data.PageRequest;
import io.r2dbc.postgresql.codec.Json;
import io.r2dbc.spi.Readable;
import reactor.core.publisher.Mono;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Repository;

/** SQL for tenants. Runs inside a {@code TenantDatabase} unit of work; RLS decides what is visible. */
@Repository
public class TenantRepository {

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private final DatabaseClient client;
    private final JsonMapper json;

    public TenantRepository(DatabaseClient client, JsonMapper json) {
        this.client = client;
        this.json = json;
    }

    public Mono<Tenant> insert(Tenant t) {
        return client.sql("""
                insert into tenants (id, slug, display_name, description, contact_email, contact_phone, address,
                    logo_url, settings, max_users, max_agents, max_pipelines, requests_per_minute,
                    deployments_per_hour, executions_per_hour, active, created_by)
                values (:id, :slug, :displayName, :description, :contactEmail, :contactPhone, :address, :logoUrl,
                    :settings, :maxUsers, :maxAgents, :maxPipelines, :rpm, :dph, :eph, true, :createdBy)
                returning *""")
                .bind("id", t.id())
                .bind("slug", t.slug())
                .bind("createdBy", Parameter.fromOrEmpty(t.createdBy(), UUID.class))
                .bindValues(fields(t))
                .map(this::map).one();
    }

    public Mono<Tenant> update(Tenant t) {
        return client.sql("""
                update tenants set display_name = :displayName, description = :description,
                    contact_email = :contactEmail, contact_phone = :contactPhone, address = :address,
                    logo_url = :logoUrl, settings = :settings, max_users = :maxUsers, max_agents = :maxAgents,
                    max_pipelines = :maxPipelines, requests_per_minute = :rpm, deployments_per_hour = :dph,
                    executions_per_hour = :eph, updated_at = clock_timestamp()
                where id = :id returning *""")
                .bind("id", t.id())
                .bindValues(fields(t))
                .map(this::map).one();
    }

    private Map<String, Object> fields(Tenant t) {
        return Map.ofEntries(
                Map.entry("displayName", t.displayName()),
                Map.entry("description", Parameter.fromOrEmpty(t.description(), String.class)),
                Map.entry("contactEmail", Parameter.fromOrEmpty(t.contactEmail(), String.class)),
                Map.entry("contactPhone", Parameter.fromOrEmpty(t.contactPhone(), String.class)),
                Map.entry("address", Parameter.fromOrEmpty(t.address(), String.class)),
                Map.entry("logoUrl", Parameter.fromOrEmpty(t.logoUrl(), String.class)),
                Map.entry("settings", Json.of(json.writeValueAsString(t.settings()))),
                Map.entry("maxUsers", t.plan().maxUsers()),
                Map.entry("maxAgents", t.plan().maxAgents()),
                Map.entry("maxPipelines", t.plan().maxPipelines()),
                Map.entry("rpm", t.plan().requestsPerMinute()),
                Map.entry("dph", t.plan().deploymentsPerHour()),
                Map.entry("eph", t.plan().executionsPerHour()));
    }

    public Mono<Tenant> setActive(UUID id, boolean active) {
        return client.sql("update tenants set active = :active, updated_at = clock_timestamp() where id = :id returning *")
                .bind("id", id).bind("active", active)
                .map(this::map).one();
    }

    public Mono<Tenant> findById(UUID id) {
        return client.sql("select * from tenants where id = :id").bind("id", id).map(this::map).one();
    }

    public Mono<Tenant> findBySlug(String slug) {
        return client.sql("select * from tenants where slug = :slug").bind("slug", slug).map(this::map).one();
    }

    public Mono<Boolean> slugTaken(String slug) {
        // the platform scope sees every tenant: only used by tenant creation (platform admins)
        return client.sql("select exists(select 1 from tenants where slug = :slug) as taken").bind("slug", slug)
                .map(row -> Boolean.TRUE.equals(row.get("taken", Boolean.class))).one();
    }

    /** The tenants visible in the current scope, newest first. */
    public Mono<List<Tenant>> list(TenantQuery query, PageRequest page) {
        String pattern = query.q() == null || query.q().isBlank() ? null
                : "%" + query.q().trim().toLowerCase().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
        return Keyset.bind(client.sql("""
                select * from tenants
                where (cast(:pattern as text) is null or lower(slug) like :pattern or lower(display_name) like :pattern)
                  and (cast(:active as boolean) is null or active = :active)
                  and """ + Keyset.after("id") + Keyset.ORDER_AND_LIMIT)
                .bind("pattern", Parameter.fromOrEmpty(pattern, String.class))
                .bind("active", Parameter.fromOrEmpty(query.active(), Boolean.class)), page)
                .map(this::map).all().collectList();
    }

    public Mono<Long> delete(UUID id) {
        return client.sql("delete from tenants where id = :id").bind("id", id).fetch().rowsUpdated();
    }

    private Tenant map(Readable row) {
        return new Tenant(row.get("id", UUID.class), row.get("slug", String.class),
                row.get("display_name", String.class), row.get("description", String.class),
                row.get("contact_email", String.class), row.get("contact_phone", String.class),
                row.get("address", String.class), row.get("logo_url", String.class),
                json.readValue(row.get("settings", Json.class).asString(), MAP),
                new PlanLimits(row.get("max_users", Integer.class), row.get("max_agents", Integer.class),
                        row.get("max_pipelines", Integer.class), row.get("requests_per_minute", Integer.class),
                        row.get("deployments_per_hour", Integer.class), row.get("executions_per_hour", Integer.class)),
                Boolean.TRUE.equals(row.get("active", Boolean.class)),
                row.get("created_at", OffsetDateTime.class).toInstant(),
                row.get("updated_at", OffsetDateTime.class).toInstant(), row.get("created_by", UUID.class));
    }
}
