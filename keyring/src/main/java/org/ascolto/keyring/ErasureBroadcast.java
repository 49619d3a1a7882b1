package org.ascolto.keyring;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.ascolto.contracts.CitizenErasure;
import org.ascolto.contracts.EventSchema;
import org.ascolto.contracts.InvalidEventException;
import org.ascolto.contracts.Topics;
import org.ascolto.kafka.KafkaConnection;
import org.jboss.logging.Logger;

/**
 * Every process that seals or opens hears of every erasure and drops the citizen's key from its cache at once, so that
 * none seals a contact with a key the keyring no longer holds (nobody could open it) or opens a record for the rest of
 * the cache's time to live. It reads {@link Topics#ERASURES} from its end in a consumer group of its own instance
 * ({@code keyring-<service>-<random id>}, nothing committed): each instance of each service hears each erasure. A record
 * that does not validate is left to the services' erasure consumers, which set it aside with its reason.
 */
public final class ErasureBroadcast implements AutoCloseable {

    /** The prefix of the broadcast's consumer groups, one per instance. */
    public static final String GROUP_PREFIX = "keyring-";
    private static final Logger LOG = Logger.getLogger(ErasureBroadcast.class);
    private static final Duration POLL = Duration.ofSeconds(5);

    private final KafkaConsumer<String, byte[]> consumer;
    private final Keyring keyring;
    private final Thread listening;
    private volatile boolean atTheEnd;
    private volatile boolean closing;

    /** Starts listening: {@code kafkaConfig} is the service's Kafka configuration, of which the connection is taken. */
    public ErasureBroadcast(Map<String, ?> kafkaConfig, String service, Keyring keyring) {
        Map<String, Object> settings = new HashMap<>(KafkaConnection.settings(kafkaConfig));
        settings.put(ConsumerConfig.GROUP_ID_CONFIG, GROUP_PREFIX + service + "-" + UUID.randomUUID());
        settings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        settings.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        this.consumer = new KafkaConsumer<>(settings, new StringDeserializer(), new ByteArrayDeserializer());
        this.keyring = keyring;
        this.listening = new Thread(this::listen, "keyring-erasures");
        listening.setDaemon(true);
        listening.start();
    }

    private void listen() {
        try {
            consumer.subscribe(List.of(Topics.ERASURES), new ConsumerRebalanceListener() {
                @Override
                public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                    partitions.forEach(consumer::position); // the end, now: an erasure published from here on is heard
                    atTheEnd = !consumer.assignment().isEmpty();
                }

                @Override
                public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                    atTheEnd = false;
                }
            });
            while (!closing) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
                    forget(record);
                }
            }
        } catch (WakeupException e) {
            // closing
        } catch (RuntimeException e) {
            LOG.errorf(e, "the keyring stopped hearing erasures: cached keys expire after their time to live only");
        } finally {
            consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
        }
    }

    private void forget(ConsumerRecord<String, byte[]> record) {
        try {
            keyring.forget(EventSchema.CITIZEN_ERASURE.read(record.value(), CitizenErasure.class).citizenKey());
        } catch (InvalidEventException e) {
            LOG.debugf("erasure record %d@%d left to the erasure consumers: %s", record.partition(), record.offset(), e.getMessage());
        }
    }

    /** Whether it listens at the end of the topic's partitions: every erasure published from now on is heard. */
    public boolean listening() {
        return atTheEnd && listening.isAlive();
    }

    @Override
    public void close() {
        closing = true;
        consumer.wakeup();
        try {
            listening.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
