package org.ascolto.localinfra;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads a topic from its beginning, as a subscriber would, to see what a test made happen. */
public final class TopicProbe implements AutoCloseable {

    private final KafkaConsumer<String, byte[]> consumer;

    public TopicProbe(String bootstrapServers, String topic) {
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                new StringDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                .map(p -> new TopicPartition(topic, p.partition()))
                .toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
    }

    /** Every record seen until {@code until} holds for the records seen so far, or the timeout passes. */
    public List<ConsumerRecord<String, byte[]>> readUntil(Predicate<List<ConsumerRecord<String, byte[]>>> until, Duration timeout) {
        List<ConsumerRecord<String, byte[]>> seen = new ArrayList<>();
        Instant deadline = Instant.now().plus(timeout);
        while (!until.test(seen) && Instant.now().isBefore(deadline)) {
            consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
        }
        return seen;
    }

    /** The records matching {@code match}, once at least {@code count} of them have arrived or the timeout passed. */
    public List<ConsumerRecord<String, byte[]>> await(Predicate<ConsumerRecord<String, byte[]>> match, int count, Duration timeout) {
        return readUntil(seen -> seen.stream().filter(match).count() >= count, timeout).stream().filter(match).toList();
    }

    /** Everything on the topic now (reads until a quiet period of {@code quiet}). */
    public List<ConsumerRecord<String, byte[]>> drain(Duration quiet) {
        List<ConsumerRecord<String, byte[]>> seen = new ArrayList<>();
        int got;
        do {
            var batch = consumer.poll(quiet);
            got = batch.count();
            batch.forEach(seen::add);
        } while (got > 0);
        return seen;
    }

    @Override
    public void close() {
        consumer.close();
    }
}
