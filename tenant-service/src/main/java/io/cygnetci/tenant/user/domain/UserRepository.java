package io.cygnetci.tenant.user.domain;

import java.time.OffsetDateTime;
import java.util.UUID;

import io.r2dbc.spi.Readable;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Repository;

/** SQL for users. The users table is platform-wide (not tenant-owned); callers decide who may see a user. */
@Repository
public class UserRepository {

    private final DatabaseClient client;

    public UserRepository(DatabaseClient client) {
        this.client = client;
    }

    public Mono<User> insert(User user) {
        return client.sql("""
                insert into users (id, email, display_name, password_hash, platform_admin)
                values (:id, :email, :displayName, :hash, :admin) returning *""")
                .bind("id", user.id())
                .bind("email", user.email())
                .bind("displayName", Parameter.fromOrEmpty(user.displayName(), String.class))
                .bind("hash", user.passwordHash())
                .bind("admin", user.platformAdmin())
                .map(UserRepository::map).one();
    }

    public Mono<User> findById(UUID id) {
        return client.sql("select * from users where id = :id").bind("id", id).map(UserRepository::map).one();
    }

    public Mono<User> findByEmail(String email) {
        return client.sql("select * from users where lower(email) = lower(:email)").bind("email", email)
                .map(UserRepository::map).one();
    }

    /** A user who shares the current tenant (RLS limits memberships to it). */
    public Mono<User> findInCurrentTenant(UUID id) {
        return client.sql("""
                select u.* from users u where u.id = :id
                and exists (select 1 from memberships m where m.user_id = u.id
                            and m.tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)""")
                .bind("id", id).map(UserRepository::map).one();
    }

    static User map(Readable row) {
        return new User(row.get("id", UUID.class), row.get("email", String.class),
                row.get("display_name", String.class), row.get("password_hash", String.class),
                Boolean.TRUE.equals(row.get("platform_admin", Boolean.class)),
                row.get("created_at", OffsetDateTime.class).toInstant());
    }
}
