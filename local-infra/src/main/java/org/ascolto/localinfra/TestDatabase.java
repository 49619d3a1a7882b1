package org.ascolto.localinfra;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * A PostgreSQL database of its own for one test run, created on the server named by the
 * standard {@code PGHOST}, {@code PGPORT} and {@code PGUSER} variables (default 127.0.0.1:5432, postgres).
 */
public final class TestDatabase implements AutoCloseable {

    private final String name;

    private TestDatabase(String name) {
        this.name = name;
    }

    public static TestDatabase create() {
        String name = "ascolto_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        execute("CREATE DATABASE " + name);
        return new TestDatabase(name);
    }

    public String jdbcUrl() {
        return serverUrl() + name;
    }

    public static String user() {
        return env("PGUSER", "postgres");
    }

    @Override
    public void close() {
        execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }

    private static String serverUrl() {
        return "jdbc:postgresql://" + env("PGHOST", "127.0.0.1") + ":" + env("PGPORT", "5432") + "/";
    }

    private static void execute(String sql) {
        try (Connection connection = DriverManager.getConnection(serverUrl() + "postgres", user(), env("PGPASSWORD", ""));
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL at " + serverUrl() + " refused: " + sql, e);
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
