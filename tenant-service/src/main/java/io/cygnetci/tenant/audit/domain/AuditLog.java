package io.cygnetci.tenant.audit.domain;

import java.time.OffsetDateTime;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.cygnetci.platform.data.Cursor;
import io.cygnetci.platform.data.Keyset;
import io.cygnetci.platform.data.Page;
import io.cygnetci.platform.data.PageRequest;
import io.cygnetci.platform.data.TenantDatabase;
import io.cygnetci.platform.security.CurrentCaller;
import io.cygnetci.platform.security.CygnetPrincipal;
import io.cygnetci.platform.tenancy.RequestMetadata;
import io.r2dbc.postgresql.codec.Json;
import reactor.core.publisher.Mono;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Component;

/**
 * The tenant's audit trail. {@link #record} runs inside the caller's transaction, so an action and its audit
 * record commit together.
 */
@Component
public class AuditLog {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(AuditLog.class);

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private final TenantDatabase database;
    private final JsonMapper json;

    public AuditLog(TenantDatabase database, JsonMapper json) {
        this.database = database;
        this.json = json;
    }

    public Mono<Void> record(UUID tenantId, String action, String targetType, Object targetId,
            Map<String, Object> details) {
        Mono<Optional<CygnetPrincipal>> actor = CurrentCaller.principal().map(Optional::of)
                .defaultIfEmpty(Optional.empty());
        return Mono.zip(actor, RequestMetadata.current())
                .flatMap(tuple -> {
                    Optional<CygnetPrincipal> caller = tuple.getT1();
                    return client().sql("""
                            insert into audit_events (id, tenant_id, actor_id, actor_email, action, target_type,
                                                      target_id, details, client_address)
                            values (:id, :tenant, :actorId, :actorEmail, :action, :targetType, :targetId, :details,
                                    :client)""")
                            .bind("id", UUID.randomUUID())
                            .bind("tenant", tenantId)
                            .bind("actorId", Parameter.fromOrEmpty(caller.map(CygnetPrincipal::userId).orElse(null),
                                    UUID.class))
                            .bind("actorEmail", Parameter.fromOrEmpty(caller.map(CygnetPrincipal::email).orElse(null),
                                    String.class))
                            .bind("action", action)
                            .bind("targetType", targetType)
                            .bind("targetId", Parameter.fromOrEmpty(targetId == null ? null : targetId.toString(),
                                    String.class))
                            .bind("details", Json.of(json.writeValueAsString(details)))
                            .bind("client", Parameter.fromOrEmpty(tuple.getT2().clientAddress(), String.class))
                            .fetch().rowsUpdated();
                })
                .doOnSuccess(rows -> log.info("Audit: {} {} {}", action, targetType, targetId))
                .then();
    }

    /** The current tenant's audit events, newest first. */
    public Mono<Page<AuditEvent>> list(PageRequest page, String action) {
        return database.inTenant(Keyset.bind(client().sql("""
                select * from audit_events
                where tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid
                  and (cast(:action as text) is null or action = :action)
                  and """ + Keyset.after("id") + Keyset.ORDER_AND_LIMIT)
                .bind("action", Parameter.fromOrEmpty(action, String.class)), page)
                .map((row, meta) -> new AuditEvent(row.get("id", UUID.class), row.get("tenant_id", UUID.class),
                        row.get("actor_id", UUID.class), row.get("actor_email", String.class),
                        row.get("action", String.class), row.get("target_type", String.class),
                        row.get("target_id", String.class), json.readValue(row.get("details", Json.class).asString(), MAP),
                        row.get("client_address", String.class), row.get("created_at", OffsetDateTime.class).toInstant()))
                .all().collectList())
                .map(rows -> Page.of(rows, page, event -> new Cursor(event.createdAt(), event.id())));
    }

    private DatabaseClient client() {
        return database.client();
    }
}
