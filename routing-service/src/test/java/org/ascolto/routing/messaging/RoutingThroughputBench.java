package org.ascolto.routing.messaging;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

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
import org.ascolto.localinfra.Contacts;
import org.ascolto.routing.domain.HeldOutEvaluation;

/**
 * The routing service end to end, driven by {@code routing-service/bench.sh throughput}:
 * {@code load BOOTSTRAP N} writes N valid contacts to the contacts topic while the service is down;
 * {@code measure BOOTSTRAP N} then watches the routed topic's end offsets and prints the service's
 * rate from its first routed record to its N-th.
 */
public final class RoutingThroughputBench {

    private static final Duration GIVE_UP_AFTER = Duration.ofMinutes(10);

    public static void main(String[] args) throws Exception {
        String bootstrap = args[1];
        int count = Integer.parseInt(args[2]);
        switch (args[0]) {
            case "load" -> load(bootstrap, count);
            case "measure" -> measure(bootstrap, count);
            default -> throw new IllegalArgumentException("load | measure");
        }
    }

    private static void load(String bootstrap, int count) throws InterruptedException, ExecutionException {
        List<String> texts = HeldOutEvaluation.heldOutTexts();
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.LINGER_MS_CONFIG, 10);
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        long start = System.nanoTime();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < count; i++) {
                producer.send(Contacts.record(Contacts.contact("whatsapp", Contacts.newCitizenKey(), texts.get(i % texts.size()))));
            }
            producer.flush();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("loaded %d contacts into %s in %.1f s (%.0f/s, acks=all)%n", count, Topics.CONTACTS, seconds, count / seconds);
    }

    private static void measure(String bootstrap, int count) throws InterruptedException, TimeoutException {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.CONTACTS_ROUTED).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            long base = routed(consumer, partitions);
            long deadline = System.nanoTime() + GIVE_UP_AFTER.toNanos();
            long firstSeen = 0;
            long firstCount = 0;
            long done;
            while ((done = routed(consumer, partitions) - base) < count) {
                if (firstSeen == 0 && done > 0) {
                    firstSeen = System.nanoTime();
                    firstCount = done;
                }
                if (System.nanoTime() > deadline) {
                    throw new TimeoutException("only " + done + " of " + count + " routed");
                }
                Thread.sleep(50);
            }
            double seconds = (System.nanoTime() - firstSeen) / 1e9;
            System.out.printf("routed %d contacts: %.0f contacts/s (consume, classify, produce acks=all; %d after the first %d, in %.1f s)%n",
                    count, (count - firstCount) / seconds, count - firstCount, firstCount, seconds);
        }
    }

    private static long routed(KafkaConsumer<?, ?> consumer, List<TopicPartition> partitions) {
        Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
        return ends.values().stream().mapToLong(Long::longValue).sum();
    }
}
