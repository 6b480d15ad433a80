package io.cygnetci.tenant.bootstrap;

import java.time.Duration;
import java.util.UUID;

import io.cygnetci.platform.data.DbScope;
import io.cygnetci.platform.data.TenantDatabase;
import io.cygnetci.tenant.config.BootstrapProperties;
import io.cygnetci.tenant.user.domain.PasswordHasher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Creates the first platform admin from configuration, once; an existing user of that email is left alone. */
@Component
class PlatformAdminBootstrap {

    private static final Logger log = LoggerFactory.getLogger(PlatformAdminBootstrap.class);

    private final BootstrapProperties properties;
    private final TenantDatabase database;
    private final PasswordHasher hasher;

    PlatformAdminBootstrap(BootstrapProperties properties, TenantDatabase database, PasswordHasher hasher) {
        this.properties = properties;
        this.database = database;
        this.hasher = hasher;
    }

    @EventListener(ApplicationReadyEvent.class)
    void ensurePlatformAdmin() {
        BootstrapProperties.PlatformAdmin admin = properties.platformAdmin();
        if (!admin.configured()) {
            return;
        }
        // start-up thread, not an event loop
        Long created = hasher.hash(admin.password()).flatMap(hash -> database.in(DbScope.platformWide(),
                database.client().sql("""
                        insert into users (id, email, display_name, password_hash, platform_admin)
                        values (:id, :email, 'Platform admin', :hash, true)
                        on conflict ((lower(email))) do nothing""")
                        .bind("id", UUID.randomUUID()).bind("email", admin.email()).bind("hash", hash)
                        .fetch().rowsUpdated()))
                .block(Duration.ofSeconds(30));
        if (created != null && created > 0) {
            log.info("Created the bootstrap platform admin {}", admin.email());
        }
    }
}
