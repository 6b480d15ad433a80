package io.cygnetci.platform.data;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.r2dbc.core.DatabaseClient;

/**
 * Refuses to run when the runtime database role could bypass Row-Level Security: a superuser, a role with
 * BYPASSRLS, or the owner (or a member of the owner role) of a table in the schema. RLS is the backstop of tenant isolation; it only holds for a
 * role that is none of these.
 */
public class LeastPrivilegeGuard implements ApplicationListener<ApplicationReadyEvent> {

    private static final Logger log = LoggerFactory.getLogger(LeastPrivilegeGuard.class);

    private static final String CHECK = """
            select r.rolname as role, r.rolsuper as superuser, r.rolbypassrls as bypass,
                   (select count(*) from pg_tables t where t.schemaname = current_schema()
                        and pg_has_role(current_user, t.tableowner, 'MEMBER')) as owned
            from pg_roles r where r.rolname = current_user""";

    private final DatabaseClient client;

    public LeastPrivilegeGuard(DatabaseClient client) {
        this.client = client;
    }

    @Override
    public void onApplicationEvent(ApplicationReadyEvent event) {
        // Start-up, not an event loop: blocking once here is fine and keeps the failure synchronous.
        var row = client.sql(CHECK).fetch().one().block(java.time.Duration.ofSeconds(30));
        if (row == null) {
            throw new IllegalStateException("Could not read the runtime database role");
        }
        boolean superuser = Boolean.TRUE.equals(row.get("superuser"));
        boolean bypass = Boolean.TRUE.equals(row.get("bypass"));
        long owned = ((Number) row.get("owned")).longValue();
        if (superuser || bypass || owned > 0) {
            throw new IllegalStateException("The runtime database role '" + row.get("role")
                    + "' must be neither superuser, BYPASSRLS nor table owner (superuser=" + superuser + ", bypassrls="
                    + bypass + ", tables owned=" + owned + "); connect as the service's runtime role. "
                    + "Set cygnetci.database.enforce-least-privilege=false only for diagnostics.");
        }
        log.info("Runtime database role '{}' is least-privileged: Row-Level Security applies", row.get("role"));
    }
}
