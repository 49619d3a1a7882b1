package org.ascolto.simulator.fuzz;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.ascolto.contracts.Topics;
import org.ascolto.localinfra.HostileInput;
import org.ascolto.localinfra.HostileRecords;

/** Null values, random bytes and hostile events (sealed records changed) written straight to the topics every consumer reads. */
final class TopicNoise {

    private static final Map<String, HostileRecords> TOPICS = Map.of(
            Topics.CONTACTS, new HostileRecords("samples/sealed-citizen-contact/web.json", "samples/sealed-citizen-contact/phone.json"),
            Topics.CONTACTS_ROUTED, new HostileRecords("samples/sealed-routed-contact/web.json", "samples/sealed-routed-contact/whatsapp.json"),
            Topics.CASE_EVENTS, new HostileRecords("samples/case-event/opened.json", "samples/case-event/status-changed.json"));

    /** What was written, and each partition's end offset right after it. */
    record Sent(long perTopic, Map<TopicPartition, Long> endOffsets) {
    }

    private final String bootstrap;

    TopicNoise(String bootstrap) {
        this.bootstrap = bootstrap;
    }

    /** A tenth of {@code perAdapter} records to each topic (at least 100), then the topics' end offsets. */
    Sent send(long perAdapter, Random random) throws Exception {
        long perTopic = Math.max(100, perAdapter / 10);
        Properties producer = new Properties();
        producer.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        producer.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<byte[], byte[]> records = new KafkaProducer<>(producer, new ByteArraySerializer(), new ByteArraySerializer())) {
            for (Map.Entry<String, HostileRecords> topic : TOPICS.entrySet()) {
                for (long i = 0; i < perTopic; i++) {
                    byte[] key = random.nextInt(4) == 0 ? null : HostileInput.bytes(random);
                    byte[] value = switch ((int) (i % 3)) {
                        case 0 -> null;
                        case 1 -> HostileInput.bytes(random);
                        default -> topic.getValue().value(random);
                    };
                    records.send(new ProducerRecord<>(topic.getKey(), key, value));
                }
            }
            records.flush();
        }
        return new Sent(perTopic, endOffsets());
    }

    private Map<TopicPartition, Long> endOffsets() throws Exception {
        Properties config = new Properties();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (Admin admin = Admin.create(config)) {
            List<TopicPartition> partitions = admin.describeTopics(TOPICS.keySet()).allTopicNames().get().values().stream()
                    .flatMap(topic -> topic.partitions().stream().map(p -> new TopicPartition(topic.name(), p.partition())))
                    .toList();
            Map<TopicPartition, OffsetSpec> latest = partitions.stream().collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest()));
            Map<TopicPartition, Long> ends = new HashMap<>();
            admin.listOffsets(latest).all().get().forEach((partition, info) -> ends.put(partition, info.offset()));
            return ends;
        }
    }
}
