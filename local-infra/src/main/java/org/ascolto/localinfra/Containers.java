package org.ascolto.localinfra;

import org.apache.kafka.common.utils.AppInfoParser;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * The broker and the database in Docker containers, for machines where a Docker engine answers. Testcontainers'
 * reaper removes them when the test JVM ends.
 */
final class Containers {

    /** Survives the class being loaded again by another class loader of the same JVM. */
    private static final String DOCKER_ANSWERS = "ascolto.test.docker";

    private Containers() {
    }

    static synchronized boolean dockerAnswers() {
        return Boolean.parseBoolean(PerJvm.get(DOCKER_ANSWERS,
                () -> Boolean.toString(DockerClientFactory.instance().isDockerAvailable())));
    }

    /** Apache's own image (KRaft), at the version of the Kafka clients on the classpath. */
    static String kafka() {
        KafkaContainer kafka = new KafkaContainer("apache/kafka:" + AppInfoParser.getVersion());
        kafka.start();
        return kafka.getBootstrapServers();
    }

    /** The major version of compose's database, trusting connections like the other servers tests use. */
    static PostgresServer postgres() {
        PostgreSQLContainer postgres = new PostgreSQLContainer("postgres:15")
                .withUsername("postgres")
                .withEnv("POSTGRES_HOST_AUTH_METHOD", "trust");
        postgres.start();
        return new PostgresServer(postgres.getHost(), postgres.getMappedPort(PostgreSQLContainer.POSTGRESQL_PORT), "postgres");
    }
}
