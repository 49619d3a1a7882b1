package org.ascolto.localinfra;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/** Gives a {@code @QuarkusTest} a fresh PostgreSQL database, dropped when the test application stops. */
public class PostgresTestResource implements QuarkusTestResourceLifecycleManager {

    private TestDatabase database;

    @Override
    public Map<String, String> start() {
        database = TestDatabase.create();
        return Map.of(
                "quarkus.datasource.jdbc.url", database.jdbcUrl(),
                "quarkus.datasource.username", TestDatabase.user());
    }

    @Override
    public void stop() {
        if (database != null) {
            database.close();
        }
    }
}
