package org.ascolto.localinfra;

import org.flywaydb.core.Flyway;

/**
 * The keyring database of a test JVM: created once on the test run's server, its schema migrated from
 * {@code db/keyring} on the classpath (the keyring module's migrations) as the case service migrates it in production.
 * Citizen keys are random in tests, so every test of the JVM may share it.
 */
public final class TestKeyring {

    /** Survives the class being loaded again by another class loader of the same JVM. */
    private static final String CREATED = "ascolto.test.keyring";
    /** The master key of the dev and test profiles ({@code MasterKey.DEVELOPMENT}). */
    public static final String MASTER_KEY = "bG9jYWwtZGV2ZWxvcG1lbnQta2V5cmluZy1rZXktMzI=";

    private TestKeyring() {
    }

    /** The password of {@link TestDatabase#user()}: a named server may want one; the others trust this machine. */
    public static String password() {
        return System.getenv().getOrDefault("PGPASSWORD", "");
    }

    /** The JDBC URL of the JVM's keyring database, created and migrated on first use. */
    public static synchronized String jdbcUrl() {
        return PerJvm.get(CREATED, () -> {
            TestDatabase database = TestDatabase.create();
            Runtime.getRuntime().addShutdownHook(new Thread(database::close, "test-keyring-drop"));
            Flyway.configure(TestKeyring.class.getClassLoader())
                    .dataSource(database.jdbcUrl(), TestDatabase.user(), password())
                    .locations("classpath:db/keyring").load().migrate();
            return database.jdbcUrl();
        });
    }
}
