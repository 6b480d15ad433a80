package io.cygnetci.platform.test.postgres;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;

/** A test class's own database: reach it as the owner (migrations), the runtime role, or a superuser. */
public record TestDatabase(String host, int port, String name, String ownerRole, String runtimeRole, String password,
        String adminUrl) {

    public String jdbcUrl() {
        return "jdbc:postgresql://" + host + ":" + port + "/" + name;
    }

    public String r2dbcUrl() {
        return "r2dbc:postgresql://" + host + ":" + port + "/" + name;
    }

    /** Spring properties that point a service at this database. */
    public Map<String, Object> springProperties() {
        return Map.of(
                "spring.r2dbc.url", r2dbcUrl(),
                "spring.r2dbc.username", runtimeRole,
                "spring.r2dbc.password", password,
                "spring.flyway.url", jdbcUrl(),
                "spring.flyway.user", ownerRole,
                "spring.flyway.password", password,
                "spring.flyway.placeholders.runtime_role", runtimeRole);
    }

    public Connection connectAsRuntimeRole() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), runtimeRole, password);
    }

    public Connection connectAsOwner() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), ownerRole, password);
    }

    public Connection connectAsSuperuser() throws SQLException {
        return DriverManager.getConnection(adminUrl.replaceFirst("/[^/?]+(\\?|$)", "/" + name + "$1"));
    }
}
