package io.cygnetci.local;

import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The platform's PostgreSQL: the server named by {@code CYGNETCI_POSTGRES_URL} (a superuser's JDBC URL), or an
 * embedded one whose data lives in {@code .cygnetci/postgres} and so survives restarts. Gives every service its
 * database, an owner role for migrations and a runtime role that is neither superuser nor owner.
 */
final class LocalPostgres implements AutoCloseable {

    static final String PASSWORD = "cygnetci-local";

    private static final Logger log = LoggerFactory.getLogger(LocalPostgres.class);

    private final EmbeddedPostgres embedded;
    private final String adminUrl;
    private final String host;
    private final int port;

    private LocalPostgres(EmbeddedPostgres embedded, String adminUrl, String host, int port) {
        this.embedded = embedded;
        this.adminUrl = adminUrl;
        this.host = host;
        this.port = port;
    }

    static LocalPostgres start(LocalPaths paths) throws IOException {
        String external = System.getenv("CYGNETCI_POSTGRES_URL");
        if (external != null && !external.isBlank()) {
            String rest = external.substring("jdbc:postgresql://".length());
            String hostPort = rest.substring(0, rest.indexOf('/'));
            int colon = hostPort.lastIndexOf(':');
            log.info("Using the PostgreSQL server named by CYGNETCI_POSTGRES_URL");
            return new LocalPostgres(null, external, colon < 0 ? hostPort : hostPort.substring(0, colon),
                    colon < 0 ? 5432 : Integer.parseInt(hostPort.substring(colon + 1)));
        }
        int port = Integer.parseInt(System.getenv().getOrDefault("CYGNETCI_POSTGRES_PORT", "15432"));
        log.info("Starting PostgreSQL on port {} (data in {})", port, paths.postgresData());
        EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setDataDirectory(paths.postgresData())
                .setCleanDataDirectory(false)
                .setPort(port)
                .start();
        return new LocalPostgres(postgres, postgres.getJdbcUrl("postgres", "postgres"), "127.0.0.1", port);
    }

    /** Creates (once) the database and roles of {@code service}, e.g. {@code tenant_service}. */
    ServiceDatabase provision(String service) throws SQLException {
        String owner = service + "_owner";
        String app = service + "_app";
        try (Connection admin = DriverManager.getConnection(adminUrl); Statement sql = admin.createStatement()) {
            createRole(sql, owner);
            createRole(sql, app);
            boolean exists;
            try (var rs = sql.executeQuery("select 1 from pg_database where datname = '" + service + "'")) {
                exists = rs.next();
            }
            if (!exists) {
                sql.execute("create database " + service + " owner " + owner);
                try (Connection db = DriverManager.getConnection(adminUrl.replaceFirst("/[^/?]+(\\?|$)", "/" + service + "$1"));
                        Statement dbSql = db.createStatement()) {
                    dbSql.execute("revoke all on schema public from public");
                    dbSql.execute("alter schema public owner to " + owner);
                    dbSql.execute("grant connect on database " + service + " to " + app);
                }
            }
        }
        return new ServiceDatabase(host, port, service, owner, app, PASSWORD);
    }

    private static void createRole(Statement sql, String role) throws SQLException {
        sql.execute("""
                do $$ begin
                  if not exists (select 1 from pg_roles where rolname = '%1$s') then
                    create role %1$s login nosuperuser nocreatedb nocreaterole nobypassrls password '%2$s';
                  end if;
                end $$""".formatted(role, PASSWORD));
    }

    String host() {
        return host;
    }

    int port() {
        return port;
    }

    String describe() {
        return "postgresql://" + host + ":" + port + (embedded != null ? " (embedded, data in .cygnetci/postgres)" : "");
    }

    @Override
    public void close() throws IOException {
        if (embedded != null) {
            embedded.close();
        }
    }

    record ServiceDatabase(String host, int port, String name, String owner, String runtime, String password) {

        String jdbcUrl() {
            return "jdbc:postgresql://" + host + ":" + port + "/" + name;
        }

        String r2dbcUrl() {
            return "r2dbc:postgresql://" + host + ":" + port + "/" + name;
        }
    }
}
