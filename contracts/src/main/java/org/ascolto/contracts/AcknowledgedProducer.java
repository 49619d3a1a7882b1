package org.ascolto.contracts;

import java.util.Map;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The producer every service publishes with: acks=all and idempotent, so that a record counts as
 * sent only once every in-sync replica has it, and retries neither duplicate nor reorder records.
 * Records wait up to a few milliseconds to share a batch, compressed with lz4.
 */
public final class AcknowledgedProducer {

    private AcknowledgedProducer() {
    }

    public static KafkaProducer<String, byte[]> create(String bootstrapServers, String clientId) {
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 5,
                ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024,
                ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4",
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 15_000,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000,
                ProducerConfig.CLIENT_ID_CONFIG, clientId + "-" + ProcessHandle.current().pid()),
                new StringSerializer(), new ByteArraySerializer());
    }
}
