package org.ascolto.localinfra;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/** Gives a {@code @QuarkusTest} of a service that seals or opens records the test JVM's keyring database ({@link TestKeyring}). */
public class KeyringTestResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        return Map.of(
                "quarkus.datasource.keyring.jdbc.url", TestKeyring.jdbcUrl(),
                "quarkus.datasource.keyring.username", TestDatabase.user());
    }

    @Override
    public void stop() {
        // shared by every test application of the JVM; the test server's databases go with it
    }
}
