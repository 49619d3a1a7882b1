package org.ascolto.localinfra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The PostgreSQL server of a test run, chosen once per JVM ({@link InfraChoice}) and shared by every test database in
 * it: a server that answers, a container, or PostgreSQL started from the embedded binaries.
 */
final class TestPostgres {

    /** Survives the class being loaded again by another class loader of the same JVM. */
    private static final String STARTED = "ascolto.test.postgres";

    private static final System.Logger LOG = System.getLogger(TestPostgres.class.getName());

    private TestPostgres() {
    }

    static synchronized PostgresServer server() {
        return PostgresServer.parse(PerJvm.get(STARTED, () -> start().toString()));
    }

    private static PostgresServer start() {
        Map<String, String> env = System.getenv();
        PostgresServer named = PostgresServer.fromEnvironment(env);
        InfraChoice.Choice<InfraChoice.Postgres> choice = InfraChoice.postgres(env, Containers::dockerAnswers, named::answers);
        LOG.log(System.Logger.Level.INFO, choice.describe("PostgreSQL for the tests"));
        PostgresServer server = switch (choice.source()) {
            case SERVER -> named;
            case CONTAINER -> Containers.postgres();
            case EMBEDDED -> embedded();
        };
        return server;
    }

    private static PostgresServer embedded() {
        try {
            Path dataDir = Files.createTempDirectory("ascolto-postgres");
            // a cluster thrown away with the JVM: waiting for the disk buys nothing
            EmbeddedPostgres postgres = EmbeddedPostgres.start(dataDir, FreePorts.next(), "fsync=off",
                    "synchronous_commit=off", "full_page_writes=off");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                postgres.close();
                TestKafka.deleteRecursively(dataDir);
            }, "test-postgres-shutdown"));
            return postgres.server();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
