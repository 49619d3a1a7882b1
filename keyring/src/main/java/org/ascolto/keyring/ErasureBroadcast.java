package org.ascolto.keyring;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
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
 * the cache's time to live. It reads every partition of {@link Topics#ERASURES} itself, from the end as it starts, in no
 * consumer group (nothing to commit, no group to join or keep alive), so that each instance of each service hears each
 * erasure; a partition added to the topic later is read from its beginning. An idle fetch waits at the broker up to
 * {@link #POLL}, and an erasure comes back as soon as it is written. A record that does not validate is left to the
 * services' erasure consumers, which set it aside with its reason.
 */
public final class ErasureBroadcast implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(ErasureBroadcast.class);
    private static final Duration POLL = Duration.ofSeconds(5);
    private static final Duration WAIT_FOR_TOPIC = Duration.ofSeconds(1);
    private static final Duration PARTITIONS_LOOKED_UP = Duration.ofMinutes(5);

    private final KafkaConsumer<String, byte[]> consumer;
    private final Keyring keyring;
    private final Thread listening;
    private volatile boolean atTheEnd;
    private volatile boolean closing;

    /** Starts listening: {@code kafkaConfig} is the service's Kafka configuration, of which the connection is taken. */
    public ErasureBroadcast(Map<String, ?> kafkaConfig, String service, Keyring keyring) {
        this(kafkaConfig, service, keyring, PARTITIONS_LOOKED_UP);
    }

    /** As the public constructor, with the topic's partitions looked up every {@code partitionsLookedUp}. */
    ErasureBroadcast(Map<String, ?> kafkaConfig, String service, Keyring keyring, Duration partitionsLookedUp) {
        Map<String, Object> settings = new HashMap<>(KafkaConnection.settings(kafkaConfig));
        settings.put(ConsumerConfig.CLIENT_ID_CONFIG, "keyring-" + service);
        settings.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, (int) POLL.toMillis());
        settings.put(ConsumerConfig.METADATA_MAX_AGE_CONFIG, (int) partitionsLookedUp.toMillis());
        this.consumer = new KafkaConsumer<>(settings, new StringDeserializer(), new ByteArrayDeserializer());
        this.keyring = keyring;
        this.listening = new Thread(this::listen, "keyring-erasures");
        listening.setDaemon(true);
        listening.start();
    }

    private void listen() {
        try {
            while (!closing) {
                followNewPartitions();
                if (consumer.assignment().isEmpty()) {
                    Thread.sleep(WAIT_FOR_TOPIC.toMillis()); // the topic is not there yet
                    continue;
                }
                for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
                    forget(record);
                }
            }
        } catch (WakeupException e) {
            // closing
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.errorf(e, "the keyring stopped hearing erasures: cached keys expire after their time to live only");
        } finally {
            atTheEnd = false;
            consumer.close(CloseOptions.timeout(Duration.ZERO)); // nothing to commit, no group to leave
        }
    }

    /**
     * The topic's partitions from the client's metadata (a topic's partitions are only ever added): the first ones from
     * their end, any added later from their start.
     */
    private void followNewPartitions() {
        Set<TopicPartition> partitions = new HashSet<>();
        consumer.partitionsFor(Topics.ERASURES).forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
        Set<TopicPartition> added = new HashSet<>(partitions);
        added.removeAll(consumer.assignment());
        if (added.isEmpty()) {
            return;
        }
        consumer.assign(partitions);
        if (atTheEnd) {
            consumer.seekToBeginning(added);
        } else {
            consumer.seekToEnd(added);
            added.forEach(consumer::position); // the end, now: an erasure published from here on is heard
            atTheEnd = true;
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
