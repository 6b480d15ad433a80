package io.cygnetci.agent.token.domain;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

import io.cygnetci.platform.data.Cursor;
import io.cygnetci.platform.data.DbScope;
import io.cygnetci.platform.data.Keyset;
import io.cygnetci.platform.data.Page;
import io.cygnetci.platform.data.PageRequest;
import io.cygnetci.platform.data.Rows;
import io.cygnetci.platform.data.TenantDatabase;
import io.cygnetci.platform.problem.NotFoundException;
import io.cygnetci.platform.security.Access;
import io.r2dbc.spi.Readable;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Service;

/** Registration tokens: created and revoked by tenant admins, presented by agents when they register. */
@Service
public class RegistrationTokens {

    /** A token just created, with the only copy of its secret. */
    public record Created(RegistrationToken token, String secret) {
    }

    private final TenantDatabase database;
    private final Clock clock;

    public RegistrationTokens(TenantDatabase database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    public Mono<Created> create(String description, Instant expiresAt) {
        return Access.currentTenantAdmin().flatMap(caller -> {
            String secret = TokenSecrets.newSecret();
            UUID id = UUID.randomUUID();
            return database.inTenant(database.client().sql("""
                    insert into registration_tokens (id, tenant_id, description, token_hash, token_prefix, created_by,
                        created_at, expires_at)
                    values (:id, :tenant, :description, :hash, :prefix, :by, :now, :expires) returning *""")
                    .bind("id", id).bind("tenant", caller.tenantId()).bind("description", description)
                    .bind("hash", TokenSecrets.hash(secret)).bind("prefix", TokenSecrets.displayPrefix(secret))
                    .bind("by", Parameter.fromOrEmpty(caller.principal().userId(), UUID.class))
                    .bind("now", Rows.timestamp(clock.instant())).bind("expires", Rows.timestamp(expiresAt))
                    .map(RegistrationTokens::map).one())
                    .map(token -> new Created(token, secret));
        });
    }

    public Mono<Page<RegistrationToken>> list(PageRequest page) {
        return Access.currentTenantAdmin().flatMap(caller -> database.inTenant(Keyset.bind(database.client().sql(
                "select * from registration_tokens where " + TenantDatabase.CURRENT_TENANT + " and " + Keyset.after("id") + Keyset.ORDER_AND_LIMIT), page)
                .map(RegistrationTokens::map).all().collectList())
                .map(rows -> Page.of(rows, page, t -> new Cursor(t.createdAt(), t.id()))));
    }

    public Mono<RegistrationToken> get(UUID id) {
        return Access.currentTenantAdmin().flatMap(caller -> database.inTenant(find(id)))
                .switchIfEmpty(Mono.error(() -> new NotFoundException("registration token")));
    }

    /** Revoking twice is harmless; the token keeps its first revocation time. */
    public Mono<RegistrationToken> revoke(UUID id) {
        return Access.currentTenantAdmin().flatMap(caller -> database.inTenant(database.client().sql("""
                update registration_tokens set revoked_at = coalesce(revoked_at, :now) where id = :id returning *""")
                .bind("id", id).bind("now", Rows.timestamp(clock.instant()))
                .map(RegistrationTokens::map).one()))
                .switchIfEmpty(Mono.error(() -> new NotFoundException("registration token")));
    }

    /**
     * The usable token whose secret this is, in any tenant (the secret names the tenant): revoked, expired and
     * unknown secrets all answer empty.
     */
    public Mono<RegistrationToken> findUsable(String secret) {
        Instant now = clock.instant();
        return database.in(DbScope.platformWide(), database.client()
                .sql("select * from registration_tokens where token_hash = :hash")
                .bind("hash", TokenSecrets.hash(secret)).map(RegistrationTokens::map).one())
                .filter(token -> token.usableAt(now));
    }

    /** Records a registration with the token; runs inside the registering transaction. */
    public Mono<Void> recordUse(UUID id) {
        return database.client().sql("""
                update registration_tokens set last_used_at = :now, registrations = registrations + 1 where id = :id""")
                .bind("id", id).bind("now", Rows.timestamp(clock.instant())).fetch().rowsUpdated().then();
    }

    private Mono<RegistrationToken> find(UUID id) {
        return database.client().sql("select * from registration_tokens where id = :id").bind("id", id)
                .map(RegistrationTokens::map).one();
    }

    private static RegistrationToken map(Readable row) {
        return new RegistrationToken(row.get("id", UUID.class), row.get("tenant_id", UUID.class),
                row.get("description", String.class), row.get("token_prefix", String.class),
                row.get("created_by", UUID.class), Rows.instant(row, "created_at"), Rows.instant(row, "expires_at"),
                Rows.instant(row, "revoked_at"), Rows.instant(row, "last_used_at"), row.get("registrations", Integer.class));
    }
}
