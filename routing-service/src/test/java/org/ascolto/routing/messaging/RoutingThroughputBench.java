package org.ascolto.routing.messaging;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.stream.IntStream;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.ascolto.contracts.Topics;
import org.ascolto.keyring.Keyring;
import org.ascolto.keyring.MasterKey;
import org.ascolto.keyring.SealedRecords;
import org.ascolto.localinfra.Contacts;
import org.ascolto.localinfra.ProcessCpu;
import org.ascolto.routing.domain.HeldOutEvaluation;
import org.flywaydb.core.Flyway;

/**
 * The routing service end to end, driven by {@code routing-service/bench.sh throughput}:
 * {@code load BOOTSTRAP N KEYRING_URL CITIZENS} migrates the keyring database at KEYRING_URL and writes N valid
 * contacts of CITIZENS citizens, sealed with the master key of {@code ASCOLTO_KEYRING_MASTER_KEY}, to the contacts topic while the service is down;
 * {@code measure BOOTSTRAP W N SERVICE_PID BROKER_PID} then watches the routed topic's end offsets and
 * prints the service's rate from its W-th routed record to its (W+N)-th, once the first W have warmed
 * its JIT up, and the CPU the service and the broker used per contact meanwhile (from /proc: on a shared
 * machine, CPU per contact moves less than the rate).
 */
public final class RoutingThroughputBench {

    private static final Duration GIVE_UP_AFTER = Duration.ofMinutes(10);

    public static void main(String[] args) throws Exception {
        String bootstrap = args[1];
        switch (args[0]) {
            case "load" -> load(bootstrap, Integer.parseInt(args[2]), args[3], Integer.parseInt(args[4]));
            case "measure" -> measure(bootstrap, Integer.parseInt(args[2]), Integer.parseInt(args[3]),
                    Long.parseLong(args[4]), Long.parseLong(args[5]));
            default -> throw new IllegalArgumentException("load | measure");
        }
    }

    private static void load(String bootstrap, int count, String keyringUrl, int citizens) throws InterruptedException, ExecutionException {
        String user = System.getenv().getOrDefault("PGUSER", "postgres");
        String password = System.getenv().getOrDefault("PGPASSWORD", "");
        Flyway.configure().dataSource(keyringUrl, user, password).locations("classpath:db/keyring").load().migrate();
        // every citizen's key in the loader's cache for the whole load, whatever the service's cache holds
        Keyring keyring = Keyring.connect(keyringUrl, user, password, MasterKey.of(System.getenv("ASCOLTO_KEYRING_MASTER_KEY")),
                citizens, Duration.ofHours(1));
        SealedRecords sealed = new SealedRecords(keyring);
        List<String> keys = IntStream.range(0, citizens).mapToObj(i -> Contacts.newCitizenKey()).toList();
        // the citizens' keys first, as an adapter creates a request's: 500 a statement, not one commit each
        keyring.prepare(keys);
        List<String> texts = HeldOutEvaluation.heldOutTexts();
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.LINGER_MS_CONFIG, 10);
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        long start = System.nanoTime();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < count; i++) {
                producer.send(Contacts.record(Contacts.contact("whatsapp", keys.get(i % citizens), texts.get(i % texts.size())), sealed::contact));
            }
            producer.flush();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("loaded %d contacts into %s in %.1f s (%.0f/s, acks=all)%n", count, Topics.CONTACTS, seconds, count / seconds);
    }

    private static void measure(String bootstrap, int warmUp, int count, long service, long broker)
            throws InterruptedException, TimeoutException {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.CONTACTS_ROUTED).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            long base = routed(consumer, partitions);
            long deadline = System.nanoTime() + GIVE_UP_AFTER.toNanos();
            long first = awaitRouted(consumer, partitions, base + Math.max(1, warmUp), deadline) - base;
            long start = System.nanoTime();
            double serviceCpu = ProcessCpu.seconds(service);
            double brokerCpu = ProcessCpu.seconds(broker);
            long last = awaitRouted(consumer, partitions, base + warmUp + count, deadline) - base;
            double seconds = (System.nanoTime() - start) / 1e9;
            long measured = last - first;
            System.out.printf("routed %d contacts: %.0f contacts/s (consume, classify, produce acks=all; %d after the first %d, in %.1f s)%n",
                    last, measured / seconds, measured, first, seconds);
            System.out.printf("CPU per contact: service %.0f µs, broker %.0f µs%n",
                    (ProcessCpu.seconds(service) - serviceCpu) * 1e6 / measured, (ProcessCpu.seconds(broker) - brokerCpu) * 1e6 / measured);
        }
    }

    /** The routed topic's record count once it reaches {@code target}. */
    private static long awaitRouted(KafkaConsumer<?, ?> consumer, List<TopicPartition> partitions, long target, long deadline)
            throws InterruptedException, TimeoutException {
        long routed;
        while ((routed = routed(consumer, partitions)) < target) {
            if (System.nanoTime() > deadline) {
                throw new TimeoutException("only " + routed + " of " + target + " routed");
            }
            Thread.sleep(50);
        }
        return routed;
    }

    private static long routed(KafkaConsumer<?, ?> consumer, List<TopicPartition> partitions) {
        Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
        return ends.values().stream().mapToLong(Long::longValue).sum();
    }
}
