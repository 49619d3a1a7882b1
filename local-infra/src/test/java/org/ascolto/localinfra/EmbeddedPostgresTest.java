package org.ascolto.localinfra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;

import org.junit.jupiter.api.Test;

class EmbeddedPostgresTest {

    @Test
    void servesDatabasesKeepsTheirRowsAcrossARestartAndStops() throws Exception {
        Path dataDir = Files.createTempDirectory("embedded-postgres-test");
        int port = FreePorts.next();
        try {
            try (EmbeddedPostgres postgres = EmbeddedPostgres.start(dataDir, port)) {
                postgres.createDatabases(List.of("cases", "open311"));
                postgres.createDatabases(List.of("cases"));
                query(postgres.server(), "cases", "CREATE TABLE notes (text text); INSERT INTO notes VALUES ('buca in via Padova')");
            }
            assertFalse(new PostgresServer("127.0.0.1", port, "postgres").answers(), "stopped, the port is closed");
            try (EmbeddedPostgres again = EmbeddedPostgres.start(dataDir, port, "fsync=off", "work_mem=8MB")) {
                assertEquals("buca in via Padova", query(again.server(), "cases", "SELECT text FROM notes"));
                assertEquals("off", query(again.server(), "cases", "SHOW fsync"));
                assertEquals("8MB", query(again.server(), "cases", "SHOW work_mem"));
                assertTrue(query(again.server(), "open311", "SELECT version()").startsWith("PostgreSQL 15."));
            }
        } finally {
            TestKafka.deleteRecursively(dataDir);
        }
    }

    @Test
    void aServerWrittenDownIsReadBackWhole() {
        PostgresServer server = new PostgresServer("127.0.0.1", 54321, "postgres");
        assertEquals(server, PostgresServer.parse(server.toString()));
        assertEquals("jdbc:postgresql://127.0.0.1:54321/cases", server.jdbcUrl("cases"));
    }

    private static String query(PostgresServer server, String database, String sql) throws Exception {
        try (Connection connection = DriverManager.getConnection(server.jdbcUrl(database), server.user(), "");
                Statement statement = connection.createStatement()) {
            if (!statement.execute(sql)) {
                return null;
            }
            try (ResultSet result = statement.getResultSet()) {
                result.next();
                return result.getString(1);
            }
        }
    }
}
