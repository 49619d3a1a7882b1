package org.ascolto.simulator.faults;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.ascolto.contracts.Topics;
import org.ascolto.kafka.CloudEventHeaders;

/**
 * The case events published from now on, read back from {@code crm.case-events.v1}: each change of a case has its
 * own sequence number, so two events of the same case and sequence under different {@code ce_id}s are the same
 * change published twice (a duplicate); the same {@code ce_id} twice is the relay's at-least-once redelivery.
 */
final class CaseEventWatcher implements AutoCloseable {

    /** What the topic held between the start and {@link #readToEnd}. */
    record Count(long records, long redelivered, long duplicatedChanges) {
    }

    private static final Pattern SEQUENCE = Pattern.compile("\"sequence\"\\s*:\\s*(\\d+)");

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final List<TopicPartition> partitions;
    private final Map<String, Set<String>> idsOfChange = new HashMap<>();
    private long records;

    CaseEventWatcher(String bootstrapServers) {
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
        partitions = consumer.partitionsFor(Topics.CASE_EVENTS, Duration.ofSeconds(30)).stream()
                .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
    }

    /** Reads every event published since the start, up to the topic's end now. */
    Count readToEnd() {
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(30));
        while (partitions.stream().anyMatch(partition -> consumer.position(partition) < end.get(partition))) {
            consumer.poll(Duration.ofMillis(500)).forEach(this::seen);
        }
        long distinctIds = idsOfChange.values().stream().mapToLong(Set::size).sum();
        return new Count(records, records - distinctIds, distinctIds - idsOfChange.size());
    }

    private void seen(ConsumerRecord<byte[], byte[]> record) {
        records++;
        Header id = record.headers().lastHeader(CloudEventHeaders.ID);
        Matcher sequence = SEQUENCE.matcher(new String(record.value(), StandardCharsets.UTF_8));
        String change = (record.key() == null ? "?" : new String(record.key(), StandardCharsets.UTF_8)) + "#" + (sequence.find() ? sequence.group(1) : "?");
        idsOfChange.computeIfAbsent(change, any -> new HashSet<>())
                .add(id == null ? "offset " + record.offset() : new String(id.value(), StandardCharsets.UTF_8));
    }

    @Override
    public void close() {
        consumer.close();
    }
}
