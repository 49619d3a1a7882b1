package org.ascolto.localinfra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.stream.Stream;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The Kafka broker of a test run, chosen once per JVM ({@link InfraChoice}) and shared by every test in it: the one
 * named by {@code KAFKA_BOOTSTRAP_SERVERS}, a container, or a broker started inside this JVM.
 */
public final class TestKafka {

    /** Survives the class being loaded again by another class loader of the same JVM. */
    private static final String STARTED = "ascolto.test.kafka.bootstrap";

    private static final System.Logger LOG = System.getLogger(TestKafka.class.getName());

    private TestKafka() {
    }

    public static synchronized String bootstrapServers() {
        return PerJvm.get(STARTED, TestKafka::start);
    }

    private static String start() {
        InfraChoice.Choice<InfraChoice.Kafka> choice = InfraChoice.kafka(System.getenv(), Containers::dockerAnswers);
        LOG.log(System.Logger.Level.INFO, choice.describe("Kafka for the tests"));
        String bootstrapServers = switch (choice.source()) {
            case GIVEN -> System.getenv("KAFKA_BOOTSTRAP_SERVERS");
            case CONTAINER -> Containers.kafka();
            case IN_JVM -> inThisJvm();
        };
        Topics.create(bootstrapServers, 3);
        return bootstrapServers;
    }

    private static String inThisJvm() {
        Path dataDir = tempDir();
        KafkaBroker broker = KafkaBroker.start(dataDir, FreePorts.next(), FreePorts.next());
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            broker.close();
            deleteRecursively(dataDir);
        }, "test-kafka-shutdown"));
        return broker.bootstrapServers();
    }

    /** Sends records to the test broker and waits until it acknowledged them all. */
    public static void send(List<ProducerRecord<String, byte[]>> records) {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new ByteArraySerializer())) {
            for (ProducerRecord<String, byte[]> record : records) {
                producer.send(record).get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("the test broker refused a record", e.getCause());
        }
    }

    /**
     * Returns once the consumer group {@code group} is stable with {@code members} members, each with partitions of its
     * own. A service that has just started may still be joining its group; the rebalance that follows hands the records
     * one member had not yet committed to another, which works them again, as at-least-once delivery allows: a test that
     * counts what a service produced waits for this first.
     */
    public static void awaitSettledGroup(String group, int members) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()))) {
            Eventually.until(Duration.ofSeconds(60), () -> settled(describe(admin, group), members));
        }
    }

    private static boolean settled(ConsumerGroupDescription group, int members) {
        return group.groupState() == GroupState.STABLE && group.members().size() == members
                && group.members().stream().noneMatch(member -> member.assignment().topicPartitions().isEmpty());
    }

    private static ConsumerGroupDescription describe(Admin admin, String group) {
        try {
            return admin.describeConsumerGroups(List.of(group)).all().get().get(group);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("the test broker does not describe group " + group, e.getCause());
        }
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("ascolto-kafka");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void deleteRecursively(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temp folder left behind is harmless
        }
    }
}
