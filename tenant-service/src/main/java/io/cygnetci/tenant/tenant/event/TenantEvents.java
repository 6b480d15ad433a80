package io.cygnetci.tenant.tenant.event;

import java.time.Instant;
import java.util.UUID;

import io.cygnetci.platform.events.OutboxEvent;
import io.cygnetci.tenant.tenant.domain.PlanLimits;
import io.cygnetci.tenant.tenant.domain.Tenant;

/** Events on {@code cygnetci.tenants.v1}; their JSON Schemas are in {@code docs/events/}. */
public final class TenantEvents {

    public static final String TOPIC = "cygnetci.tenants.v1";

    public static final String CREATED = "io.cygnetci.tenant.created.v1";
    public static final String UPDATED = "io.cygnetci.tenant.updated.v1";
    public static final String ACTIVATED = "io.cygnetci.tenant.activated.v1";
    public static final String DEACTIVATED = "io.cygnetci.tenant.deactivated.v1";
    public static final String DELETED = "io.cygnetci.tenant.deleted.v1";
    public static final String MEMBER_ADDED = "io.cygnetci.membership.added.v1";
    public static final String MEMBER_REMOVED = "io.cygnetci.membership.removed.v1";
    public static final String MEMBER_ROLE_CHANGED = "io.cygnetci.membership.role-changed.v1";
    public static final String USER_CREATED = "io.cygnetci.user.created.v1";

    /** Platform-level events (a user created by a platform admin outside any tenant) carry this tenant id. */
    public static final UUID PLATFORM_TENANT = new UUID(0, 0);

    private TenantEvents() {
    }

    /** The state of a tenant after a change: created, updated, activated, deactivated. */
    public record TenantSnapshot(UUID tenantId, String slug, String displayName, boolean active, PlanLimits plan,
            Instant occurredAt) {

        static TenantSnapshot of(Tenant t) {
            return new TenantSnapshot(t.id(), t.slug(), t.displayName(), t.active(), t.plan(), Instant.now());
        }
    }

    public record TenantDeleted(UUID tenantId, String slug, Instant occurredAt) {
    }

    public record MemberAdded(UUID tenantId, UUID userId, String role, Instant occurredAt) {
    }

    public record MemberRemoved(UUID tenantId, UUID userId, Instant occurredAt) {
    }

    public record MemberRoleChanged(UUID tenantId, UUID userId, String role, String previousRole, Instant occurredAt) {
    }

    public record UserCreated(UUID userId, Instant occurredAt) {
    }

    public static OutboxEvent tenant(String type, Tenant tenant) {
        return OutboxEvent.forTenant(TOPIC, type, tenant.id(), tenant.id(), TenantSnapshot.of(tenant));
    }

    public static OutboxEvent deleted(Tenant tenant) {
        return OutboxEvent.forTenant(TOPIC, DELETED, tenant.id(), tenant.id(),
                new TenantDeleted(tenant.id(), tenant.slug(), Instant.now()));
    }

    public static OutboxEvent memberAdded(UUID tenantId, UUID userId, String role) {
        return OutboxEvent.forTenant(TOPIC, MEMBER_ADDED, tenantId, userId,
                new MemberAdded(tenantId, userId, role, Instant.now()));
    }

    public static OutboxEvent memberRemoved(UUID tenantId, UUID userId) {
        return OutboxEvent.forTenant(TOPIC, MEMBER_REMOVED, tenantId, userId,
                new MemberRemoved(tenantId, userId, Instant.now()));
    }

    public static OutboxEvent memberRoleChanged(UUID tenantId, UUID userId, String role, String previous) {
        return OutboxEvent.forTenant(TOPIC, MEMBER_ROLE_CHANGED, tenantId, userId,
                new MemberRoleChanged(tenantId, userId, role, previous, Instant.now()));
    }

    public static OutboxEvent userCreated(UUID tenantId, UUID userId) {
        return OutboxEvent.forTenant(TOPIC, USER_CREATED, tenantId, userId, new UserCreated(userId, Instant.now()));
    }
}
