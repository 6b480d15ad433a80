package io.cygnetci.monitoring.readmodel.tenant;

import java.time.Instant;
import java.util.UUID;

import io.cygnetci.monitoring.activity.domain.Activity;
import io.cygnetci.monitoring.activity.domain.ActivityLog;
import io.cygnetci.monitoring.readmodel.EventData;
import io.cygnetci.monitoring.readmodel.EventIntake;
import io.cygnetci.platform.data.TenantDatabase;
import io.cygnetci.platform.events.CloudEventRecords;
import io.cygnetci.platform.events.IncomingEvent;
import io.cygnetci.platform.tenancy.directory.TenantChange;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * {@code cygnetci.tenants.v1} → whether a tenant is active (an inactive tenant's checks pause) and its members
 * (users total; activity "A member joined as viewer"). Users' names and emails are not kept here.
 */
@Component
class TenantEventsListener {

    private static final String MEMBERSHIP = "io.cygnetci.membership.";
    private static final String CONSUMER = "tenants";

    private final EventIntake intake;
    private final TenantDatabase database;
    private final ActivityLog activity;
    private final JsonMapper json;

    TenantEventsListener(EventIntake intake, TenantDatabase database, ActivityLog activity, JsonMapper json) {
        this.intake = intake;
        this.database = database;
        this.activity = activity;
        this.json = json;
    }

    @KafkaListener(topics = "cygnetci.tenants.v1", groupId = "${spring.application.name}")
    void on(ConsumerRecord<String, byte[]> record) {
        IncomingEvent event = CloudEventRecords.fromRecord(record);
        if (event.tenantId() == null) {
            return;
        }
        TenantChange.of(event, json).ifPresent(change -> intake.applyOnce(CONSUMER, event, e -> database.client()
                .sql("""
                        insert into tenants (tenant_id, active, deleted) values (:id, :active, :deleted)
                        on conflict (tenant_id) do update set active = excluded.active, deleted = excluded.deleted,
                            updated_at = clock_timestamp()""")
                .bind("id", change.tenantId()).bind("active", change.active()).bind("deleted", change.deleted())
                .then()));
        if (event.type().startsWith(MEMBERSHIP)) {
            JsonNode data = json.readTree(event.data());
            intake.applyOnce(CONSUMER, event, e -> membership(event, data));
        }
    }

    private Mono<Void> membership(IncomingEvent event, JsonNode data) {
        UUID user = EventData.uuid(data, "user_id");
        String role = EventData.text(data, "role");
        Instant at = EventData.occurredAt(event, data);
        return switch (event.type()) {
            case MEMBERSHIP + "added.v1" -> setMember(event.tenantId(), user, role)
                    .then(record(event, user, "A member joined as " + role, at));
            case MEMBERSHIP + "role-changed.v1" -> setMember(event.tenantId(), user, role)
                    .then(record(event, user, "A member's role changed to " + role, at));
            case MEMBERSHIP + "removed.v1" -> database.client()
                    .sql("delete from members where tenant_id = :tenant and user_id = :user")
                    .bind("tenant", event.tenantId()).bind("user", user).then()
                    .then(record(event, user, "A member left", at));
            default -> Mono.empty();
        };
    }

    private Mono<Void> setMember(UUID tenant, UUID user, String role) {
        return database.client().sql("""
                insert into members (tenant_id, user_id, role) values (:tenant, :user, :role)
                on conflict (tenant_id, user_id) do update set role = excluded.role""")
                .bind("tenant", tenant).bind("user", user).bind("role", role).then();
    }

    private Mono<Void> record(IncomingEvent event, UUID user, String message, Instant at) {
        return activity.record(Activity.of(event.id(), event.tenantId(), "member", Activity.INFO, message, user, at));
    }
}
