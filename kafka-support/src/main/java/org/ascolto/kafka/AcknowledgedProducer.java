package org.ascolto.kafka;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
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

    /**
     * A producer that connects as the service's Kafka configuration says: its {@link KafkaConnection} settings (bootstrap
     * servers, TLS, SASL) are taken, nothing else of it.
     */
    public static KafkaProducer<String, byte[]> create(Map<String, ?> kafkaConfig, String clientId) {
        return create(kafkaConfig, clientId, Map.of());
    }

    /** As {@link #create(Map, String)}, with some settings of the caller's own (timeouts, compression). */
    public static KafkaProducer<String, byte[]> create(Map<String, ?> kafkaConfig, String clientId, Map<String, Object> settings) {
        return new KafkaProducer<>(config(kafkaConfig, clientId, settings), new StringSerializer(), new ByteArraySerializer());
    }

    /** The producer's configuration: the caller's settings never change how it connects nor weaken acks=all and idempotence. */
    static Map<String, Object> config(Map<String, ?> kafkaConfig, String clientId, Map<String, Object> settings) {
        Map<String, Object> config = new HashMap<>(Map.of(
                ProducerConfig.LINGER_MS_CONFIG, 5,
                ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024,
                ProducerConfig.COMPRESSION_TYPE_CONFIG, "none",
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 15_000,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000,
                // a send waits at most this long for metadata or buffer space, then fails: callers retry, never hang
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000));
        config.putAll(settings);
        config.putAll(KafkaConnection.settings(kafkaConfig));
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, clientId + "-" + ProcessHandle.current().pid());
        return config;
    }

    /**
     * Sends the record and answers a future that completes when Kafka acknowledged it, or fails with Kafka's error,
     * including one {@code send} throws at once (a closed producer, a full buffer after {@code max.block.ms}).
     */
    public static <K, V> CompletableFuture<RecordMetadata> send(Producer<K, V> producer, ProducerRecord<K, V> record) {
        CompletableFuture<RecordMetadata> acknowledged = new CompletableFuture<>();
        try {
            producer.send(record, (metadata, failure) -> {
                if (failure == null) {
                    acknowledged.complete(metadata);
                } else {
                    acknowledged.completeExceptionally(failure);
                }
            });
        } catch (RuntimeException e) {
            acknowledged.completeExceptionally(e);
        }
        return acknowledged;
    }
}
