package io.cygnetci.platform.test.postgres;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * The one PostgreSQL server of a test JVM, chosen in this order:
 * <ol>
 * <li>the server named by {@code CYGNETCI_TEST_POSTGRES_URL} (a JDBC URL of a superuser, e.g.
 * {@code jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres});</li>
 * <li>a Testcontainers PostgreSQL when a Docker engine is available;</li>
 * <li>an embedded PostgreSQL (zonky) otherwise.</li>
 * </ol>
 * Every test class gets a database of its own, owned by a migration role, used through a runtime role that is
 * neither superuser nor owner, as in production.
 */
public final class PostgresServer {

    public static final String URL_ENV = "CYGNETCI_TEST_POSTGRES_URL";
    static final String ROLE_PASSWORD = "cygnetci-test";

    private static final Logger log = LoggerFactory.getLogger(PostgresServer.class);
    private static volatile PostgresServer instance;

    private final String adminUrl;
    private final String host;
    private final int port;

    private PostgresServer(String adminUrl, String host, int port) {
        this.adminUrl = adminUrl;
        this.host = host;
        this.port = port;
    }

    public static PostgresServer get() {
        PostgresServer server = instance;
        if (server == null) {
            synchronized (PostgresServer.class) {
                server = instance;
                if (server == null) {
                    server = start();
                    instance = server;
                }
            }
        }
        return server;
    }

    private static PostgresServer start() {
        String external = System.getenv(URL_ENV);
        if (external != null && !external.isBlank()) {
            log.info("Tests use the PostgreSQL server named by {}", URL_ENV);
            return fromJdbcUrl(external);
        }
        if (dockerAvailable()) {
            PostgreSQLContainer container = new PostgreSQLContainer("postgres:16-alpine");
            container.start();
            Runtime.getRuntime().addShutdownHook(new Thread(container::stop));
            log.info("Tests use a Testcontainers PostgreSQL");
            String url = container.getJdbcUrl() + (container.getJdbcUrl().contains("?") ? "&" : "?") + "user="
                    + container.getUsername() + "&password=" + container.getPassword();
            return new PostgresServer(url, container.getHost(), container.getMappedPort(5432));
        }
        try {
            EmbeddedPostgres embedded = EmbeddedPostgres.builder().start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    embedded.close();
                }
                catch (Exception ex) {
                    log.warn("Could not stop the embedded PostgreSQL", ex);
                }
            }));
            log.info("Tests use an embedded PostgreSQL on port {}", embedded.getPort());
            return new PostgresServer(embedded.getJdbcUrl("postgres", "postgres"), "localhost", embedded.getPort());
        }
        catch (Exception ex) {
            throw new IllegalStateException("Cannot start an embedded PostgreSQL; set " + URL_ENV
                    + " to a server's JDBC URL", ex);
        }
    }

    static PostgresServer fromJdbcUrl(String url) {
        String rest = url.substring("jdbc:postgresql://".length());
        String hostPort = rest.substring(0, rest.indexOf('/'));
        int colon = hostPort.lastIndexOf(':');
        String host = colon < 0 ? hostPort : hostPort.substring(0, colon);
        int port = colon < 0 ? 5432 : Integer.parseInt(hostPort.substring(colon + 1));
        return new PostgresServer(url, host, port);
    }

    private static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        }
        catch (Throwable ex) {
            return false;
        }
    }

    /**
     * Creates a fresh database for one test class, with the roles {@code <service>_owner} (migrations) and
     * {@code <service>_app} (runtime).
     */
    public TestDatabase createDatabase(String service) {
        String prefix = service.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
        String owner = prefix + "_owner";
        String app = prefix + "_app";
        String name = "t_" + prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection admin = DriverManager.getConnection(adminUrl); Statement sql = admin.createStatement()) {
            createRole(sql, owner);
            createRole(sql, app);
            sql.execute("create database " + name + " owner " + owner);
        }
        catch (SQLException ex) {
            throw new IllegalStateException("Cannot create test database " + name, ex);
        }
        // the runtime role reaches only what the migrations grant it
        try (Connection db = DriverManager.getConnection(adminUrl.replaceFirst("/[^/?]+(\\?|$)", "/" + name + "$1"));
                Statement sql = db.createStatement()) {
            sql.execute("revoke all on schema public from public");
            sql.execute("alter schema public owner to " + owner);
            sql.execute("grant connect on database " + name + " to " + app);
        }
        catch (SQLException ex) {
            throw new IllegalStateException("Cannot prepare test database " + name, ex);
        }
        return new TestDatabase(host, port, name, owner, app, ROLE_PASSWORD, adminUrl);
    }

    private static void createRole(Statement sql, String role) throws SQLException {
        // roles are cluster-wide and test JVMs may run side by side: create once, tolerate a race
        sql.execute("""
                do $$ begin
                  if not exists (select 1 from pg_roles where rolname = '%1$s') then
                    create role %1$s login nosuperuser nocreatedb nocreaterole nobypassrls password '%2$s';
                  end if;
                exception when duplicate_object or unique_violation then null;
                end $$""".formatted(role, ROLE_PASSWORD));
    }
}
