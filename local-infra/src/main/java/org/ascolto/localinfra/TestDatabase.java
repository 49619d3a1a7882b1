package org.ascolto.localinfra;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

import org.eclipse.microprofile.config.ConfigProvider;

/** A PostgreSQL database of its own for one test run, on the test run's server ({@link TestPostgres}). */
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
        return TestPostgres.server().jdbcUrl(name);
    }

    public static String user() {
        return TestPostgres.server().user();
    }

    /** A connection to this database, as the services it is given to connect, for a test that reads their tables. */
    public Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), user(), password());
    }

    @Override
    public void close() {
        execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }

    /**
     * The database of the service under test refuses every new connection and loses those it has, as in an outage
     * ({@code true}), or takes connections again ({@code false}); run from the server's {@code postgres} database, as an
     * operator would.
     */
    public static void refuseConnections(boolean refuse) {
        String url = ConfigProvider.getConfig().getValue("quarkus.datasource.jdbc.url", String.class);
        String database = url.substring(url.lastIndexOf('/') + 1).replaceAll("\\?.*", "");
        execute("ALTER DATABASE " + database + " ALLOW_CONNECTIONS " + !refuse);
        if (refuse) {
            execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + database + "'");
        }
    }

    private static void execute(String sql) {
        PostgresServer server = TestPostgres.server();
        try (Connection connection = DriverManager.getConnection(server.jdbcUrl("postgres"), server.user(), password());
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL at " + server.address() + " refused: " + sql, e);
        }
    }

    /** A named server may want one; the container and the embedded server trust this machine. */
    private static String password() {
        String given = System.getenv("PGPASSWORD");
        return given == null ? "" : given;
    }
}
