package org.ascolto.contracts;

import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The producer every service publishes with: acks=all and idempotent, so that a record counts as
 * sent only once every in-sync replica has it, and retries neither duplicate nor reorder records.
 * By default records wait up to a few milliseconds to share a batch, uncompressed: contacts and case events are
 * small JSON, and compressing them costs more CPU in the producer, the broker and every consumer than it saves.
 */
public final class AcknowledgedProducer {

    private AcknowledgedProducer() {
    }

    public static KafkaProducer<String, byte[]> create(String bootstrapServers, String clientId) {
        return create(bootstrapServers, clientId, Map.of());
    }

    /** As {@link #create(String, String)}, with some settings of the caller's own (timeouts, compression). */
    public static KafkaProducer<String, byte[]> create(String bootstrapServers, String clientId, Map<String, Object> settings) {
        Map<String, Object> config = new HashMap<>(Map.of(
                ProducerConfig.LINGER_MS_CONFIG, 5,
                ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024,
                ProducerConfig.COMPRESSION_TYPE_CONFIG, "none",
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 15_000,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000));
        config.putAll(settings);
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, clientId + "-" + ProcessHandle.current().pid());
        return new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
    }
}
