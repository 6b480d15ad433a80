package io.cygnetci.tenant.membership.domain;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import io.cygnetci.platform.data.Keyset;
import io.cygnetci.platform.data.PageRequest;
import io.r2dbc.spi.Readable;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Repository;

/** SQL for memberships; what is visible depends on the unit of work's RLS scope. */
@Repository
public class MembershipRepository {

    private final DatabaseClient client;

    public MembershipRepository(DatabaseClient client) {
        this.client = client;
    }

    public Mono<Long> count(UUID tenantId) {
        return client.sql("select count(*) as n from memberships where tenant_id = :tenant").bind("tenant", tenantId)
                .map(row -> row.get("n", Long.class)).one();
    }

    public Mono<Long> countRole(UUID tenantId, String role) {
        return client.sql("select count(*) as n from memberships where tenant_id = :tenant and role = :role")
                .bind("tenant", tenantId).bind("role", role)
                .map(row -> row.get("n", Long.class)).one();
    }

    public Mono<Membership> find(UUID tenantId, UUID userId) {
        return client.sql("select * from memberships where tenant_id = :tenant and user_id = :user")
                .bind("tenant", tenantId).bind("user", userId).map(MembershipRepository::map).one();
    }

    public Mono<Membership> insert(UUID tenantId, UUID userId, String role) {
        return client.sql("""
                insert into memberships (tenant_id, user_id, role) values (:tenant, :user, :role) returning *""")
                .bind("tenant", tenantId).bind("user", userId).bind("role", role)
                .map(MembershipRepository::map).one();
    }

    public Mono<Membership> updateRole(UUID tenantId, UUID userId, String role) {
        return client.sql("""
                update memberships set role = :role, updated_at = clock_timestamp()
                where tenant_id = :tenant and user_id = :user returning *""")
                .bind("tenant", tenantId).bind("user", userId).bind("role", role)
                .map(MembershipRepository::map).one();
    }

    public Mono<Long> delete(UUID tenantId, UUID userId) {
        return client.sql("delete from memberships where tenant_id = :tenant and user_id = :user")
                .bind("tenant", tenantId).bind("user", userId).fetch().rowsUpdated();
    }

    public Mono<Integer> maxUsers(UUID tenantId) {
        return client.sql("select max_users from tenants where id = :tenant").bind("tenant", tenantId)
                .map(row -> row.get("max_users", Integer.class)).one();
    }

    /** Locks the tenant row so concurrent member additions count capacity one at a time. */
    public Mono<Integer> lockTenantCapacity(UUID tenantId) {
        return client.sql("select max_users from tenants where id = :tenant for update").bind("tenant", tenantId)
                .map(row -> row.get("max_users", Integer.class)).one();
    }

    public Mono<List<Member>> members(UUID tenantId, String q, String role, PageRequest page) {
        String pattern = q == null || q.isBlank() ? null
                : "%" + q.trim().toLowerCase().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
        return Keyset.bind(client.sql("""
                select * from (
                    select m.user_id as id, u.email, u.display_name, m.role, m.created_at
                    from memberships m join users u on u.id = m.user_id
                    where m.tenant_id = :tenant) members
                where (cast(:pattern as text) is null or lower(email) like :pattern
                       or lower(coalesce(display_name, '')) like :pattern)
                  and (cast(:role as text) is null or role = :role)
                  and """ + Keyset.after("id") + Keyset.ORDER_AND_LIMIT)
                .bind("tenant", tenantId)
                .bind("pattern", Parameter.fromOrEmpty(pattern, String.class))
                .bind("role", Parameter.fromOrEmpty(role, String.class)), page)
                .map(row -> new Member(row.get("id", UUID.class), row.get("email", String.class),
                        row.get("display_name", String.class), row.get("role", String.class),
                        row.get("created_at", OffsetDateTime.class).toInstant()))
                .all().collectList();
    }

    /**
     * The user's tenants (user scope), oldest membership first; the default is the flagged one, or else the oldest
     * membership, so a user with any membership always has exactly one default.
     */
    public Mono<List<UserTenant>> tenantsOf(UUID userId) {
        return client.sql("""
                select m.tenant_id, t.slug, t.display_name, m.role, m.is_default, t.active, m.created_at
                from memberships m join tenants t on t.id = m.tenant_id
                where m.user_id = :user order by m.created_at, m.tenant_id""")
                .bind("user", userId)
                .map(row -> new UserTenant(row.get("tenant_id", UUID.class), row.get("slug", String.class),
                        row.get("display_name", String.class), row.get("role", String.class),
                        Boolean.TRUE.equals(row.get("is_default", Boolean.class)),
                        Boolean.TRUE.equals(row.get("active", Boolean.class)),
                        row.get("created_at", OffsetDateTime.class).toInstant()))
                .all().collectList()
                .map(MembershipRepository::withEffectiveDefault);
    }

    static List<UserTenant> withEffectiveDefault(List<UserTenant> tenants) {
        if (tenants.isEmpty() || tenants.stream().anyMatch(UserTenant::isDefault)) {
            return tenants;
        }
        UserTenant oldest = tenants.get(0);
        return tenants.stream().map(t -> t == oldest ? new UserTenant(t.tenantId(), t.slug(), t.displayName(),
                t.role(), true, t.active(), t.joinedAt()) : t).toList();
    }

    /** Moves the user's default flag to {@code tenantId} (two statements: the unique index is checked per row). */
    public Mono<Void> setDefault(UUID userId, UUID tenantId) {
        return client.sql("update memberships set is_default = false where user_id = :user and is_default")
                .bind("user", userId).fetch().rowsUpdated()
                .then(client.sql("update memberships set is_default = true where user_id = :user and tenant_id = :tenant")
                        .bind("user", userId).bind("tenant", tenantId).fetch().rowsUpdated())
                .then();
    }

    private static Membership map(Readable row) {
        return new Membership(row.get("tenant_id", UUID.class), row.get("user_id", UUID.class),
                row.get("role", String.class), Boolean.TRUE.equals(row.get("is_default", Boolean.class)),
                row.get("created_at", OffsetDateTime.class).toInstant());
    }
}
