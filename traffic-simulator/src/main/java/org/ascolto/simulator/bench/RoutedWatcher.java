package org.ascolto.simulator.bench;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.ascolto.contracts.Topics;
import org.ascolto.kafka.CloudEventHeaders;

/**
 * When each contact leaves the routing service: splits the end-to-end latency into routing and case persistence.
 * The time is the routed record's own timestamp (set by the routing service's producer), so the watcher can fetch
 * in large, infrequent batches and leave the CPU to the platform.
 */
final class RoutedWatcher implements AutoCloseable {

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Map<UUID, Long> routedAt = new ConcurrentHashMap<>();
    private final Thread thread;
    /** The same instant on both clocks: record timestamps are wall-clock milliseconds, the benchmark's times nanoTime. */
    private final long anchorMillis = System.currentTimeMillis();
    private final long anchorNanos = System.nanoTime();
    private volatile boolean running = true;

    RoutedWatcher(String bootstrapServers) {
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.FETCH_MIN_BYTES_CONFIG, 256 * 1024,
                ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 200),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
        var partitions = consumer.partitionsFor(Topics.CONTACTS_ROUTED, Duration.ofSeconds(10)).stream()
                .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
        thread = new Thread(this::follow, "routed-watcher");
        thread.setDaemon(true);
        thread.start();
    }

    private void follow() {
        while (running) {
            consumer.poll(Duration.ofMillis(500)).forEach(this::seen);
        }
        // what was routed before close() but not fetched yet
        for (var last = consumer.poll(Duration.ofMillis(500)); !last.isEmpty(); last = consumer.poll(Duration.ofMillis(500))) {
            last.forEach(this::seen);
        }
        consumer.close();
    }

    private void seen(ConsumerRecord<byte[], byte[]> record) {
        Header id = record.headers().lastHeader(CloudEventHeaders.ID);
        if (id != null) {
            routedAt.putIfAbsent(UUID.fromString(new String(id.value(), StandardCharsets.UTF_8)),
                    anchorNanos + (record.timestamp() - anchorMillis) * 1_000_000);
        }
    }

    /** The routed record's timestamp of the contact, on the {@code System.nanoTime()} clock, or null if not seen. */
    Long routedAt(UUID contactId) {
        return routedAt.get(contactId);
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join();
    }
}
