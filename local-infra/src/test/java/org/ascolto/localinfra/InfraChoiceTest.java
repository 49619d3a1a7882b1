package org.ascolto.localinfra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.function.BooleanSupplier;

import org.ascolto.localinfra.InfraChoice.Kafka;
import org.ascolto.localinfra.InfraChoice.Postgres;
import org.junit.jupiter.api.Test;

class InfraChoiceTest {

    private static final BooleanSupplier YES = () -> true;
    private static final BooleanSupplier NO = () -> false;
    /** A probe the choice must not need. */
    private static final BooleanSupplier NOT_ASKED = () -> {
        throw new AssertionError("probed although the environment decides");
    };

    @Test
    void aNamedBrokerWinsOverDockerAndOverAForcedPath() {
        assertEquals(Kafka.GIVEN, InfraChoice.kafka(Map.of("KAFKA_BOOTSTRAP_SERVERS", "kafka:9092",
                InfraChoice.FORCE_KAFKA, "container"), NOT_ASKED).source());
    }

    @Test
    void kafkaRunsInAContainerWhereDockerAnswersAndInTheJvmElsewhere() {
        assertEquals(Kafka.CONTAINER, InfraChoice.kafka(Map.of(), YES).source());
        assertEquals(Kafka.IN_JVM, InfraChoice.kafka(Map.of(), NO).source());
        assertEquals(Kafka.IN_JVM, InfraChoice.kafka(Map.of("KAFKA_BOOTSTRAP_SERVERS", "  "), NO).source());
    }

    @Test
    void kafkaCanBeForcedEitherWayWithoutAskingDocker() {
        assertEquals(Kafka.IN_JVM, InfraChoice.kafka(Map.of(InfraChoice.FORCE_KAFKA, "in-jvm"), NOT_ASKED).source());
        assertEquals(Kafka.CONTAINER, InfraChoice.kafka(Map.of(InfraChoice.FORCE_KAFKA, " container "), NOT_ASKED).source());
    }

    @Test
    void aForcedValueThatIsNoPathIsRefusedWithTheChoices() {
        IllegalArgumentException given = assertThrows(IllegalArgumentException.class,
                () -> InfraChoice.kafka(Map.of(InfraChoice.FORCE_KAFKA, "given"), NOT_ASKED));
        assertEquals("ASCOLTO_TEST_KAFKA=given is none of container, in-jvm", given.getMessage());
        IllegalArgumentException docker = assertThrows(IllegalArgumentException.class,
                () -> InfraChoice.postgres(Map.of(InfraChoice.FORCE_POSTGRES, "docker"), NOT_ASKED, NOT_ASKED));
        assertEquals("ASCOLTO_TEST_POSTGRES=docker is none of server, container, embedded", docker.getMessage());
    }

    @Test
    void postgresCanBeForcedEveryWayWithoutProbing() {
        for (Postgres source : Postgres.values()) {
            String spelled = source.name().toLowerCase();
            assertEquals(source, InfraChoice.postgres(Map.of(InfraChoice.FORCE_POSTGRES, spelled, "PGPORT", "5433"),
                    NOT_ASKED, NOT_ASKED).source());
        }
    }

    @Test
    void aNamedServerThatAnswersWinsOverDocker() {
        InfraChoice.Choice<Postgres> choice = InfraChoice.postgres(Map.of("PGHOST", "db.example", "PGPORT", "6432"),
                NOT_ASKED, YES);
        assertEquals(Postgres.SERVER, choice.source());
        assertEquals("PostgreSQL: server (PGHOST/PGPORT name db.example:6432, which answers)", choice.describe("PostgreSQL"));
    }

    @Test
    void aNamedServerThatDoesNotAnswerGivesWayToDockerThenToTheEmbeddedServer() {
        Map<String, String> closedPort = Map.of("PGPORT", "1");
        assertEquals(Postgres.CONTAINER, InfraChoice.postgres(closedPort, YES, NO).source());
        InfraChoice.Choice<Postgres> embedded = InfraChoice.postgres(closedPort, NO, NO);
        assertEquals(Postgres.EMBEDDED, embedded.source());
        assertTrue(embedded.reason().contains("127.0.0.1:1"), embedded.reason());
    }

    @Test
    void unnamedDockerComesBeforeTheServerAtTheDefaultAddress() {
        assertEquals(Postgres.CONTAINER, InfraChoice.postgres(Map.of(), YES, NOT_ASKED).source());
        assertEquals(Postgres.SERVER, InfraChoice.postgres(Map.of("PGUSER", "root"), NO, YES).source());
        assertEquals(Postgres.EMBEDDED, InfraChoice.postgres(Map.of(), NO, NO).source());
    }
}
