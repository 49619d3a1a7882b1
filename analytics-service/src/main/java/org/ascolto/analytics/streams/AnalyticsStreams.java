package org.ascolto.analytics.streams;

import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Properties;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.state.HostInfo;
import org.ascolto.analytics.config.AnalyticsConfig;
import org.ascolto.kafka.KafkaConnection;
import org.ascolto.support.kafka.ConsumerWaiting;
import org.ascolto.support.kafka.DeadLetterCounter;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;

/** Runs the statistics topology for the life of the service: the partitions this instance owns, and who owns the others. */
@ApplicationScoped
public class AnalyticsStreams {

    private static final Logger LOG = Logger.getLogger(AnalyticsStreams.class);

    /** The consumer's name in {@code ascolto_consumer_waiting} and {@code ascolto_consumer_halted}. */
    private static final String CONSUMER = "analytics-streams";

    /** Leaving the group on close lets the next start take the partitions at once instead of after the session timeout. */
    public static final CloseOptions CLOSE = CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
            .withTimeout(Duration.ofSeconds(10));

    private final KafkaStreams streams;
    private final LocalStatistics local;
    private final HostInfo self;
    private final KafkaStreamsMetrics metrics;

    /** kafkaConfig: every kafka.* property and KAFKA_* variable, whose bootstrap servers and security settings it connects with. */
    public AnalyticsStreams(AnalyticsConfig config, @Identifier("default-kafka-broker") Map<String, Object> kafkaConfig,
            MeterRegistry registry, DeadLetterCounter deadLetters) {
        Properties properties = properties(config.applicationId(), (String) kafkaConfig.get(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG),
                config.advertisedAddress(), config.stateDir(), config.commitInterval(), config.streamThreads(), deadLetters);
        // its consumers, producers and admin client connect as the service's user (TLS and SCRAM on Kubernetes)
        properties.putAll(KafkaConnection.settings(kafkaConfig));
        streams = new KafkaStreams(
                StatisticsTopology.build(new StatisticsSettings(config.grace(), config.zone(), config.journeyWindow())), properties);
        ConsumerWaiting waiting = new ConsumerWaiting(registry, CONSUMER, "kafka");
        waiting.waiting(streams.state().name());
        streams.setStateListener((now, before) -> {
            LOG.infof("analytics streams %s -> %s", before, now);
            if (now == KafkaStreams.State.RUNNING || halted(now)) {
                waiting.resumed();
            } else {
                waiting.waiting(now.name());
            }
        });
        Gauge.builder("ascolto.consumer.halted", streams, s -> halted(s.state()) ? 1 : 0).tags("consumer", CONSUMER)
                .description("1 once the consumer has stopped for good: it takes no record until a restart").register(registry);
        local = new LocalStatistics(streams);
        self = HostInfo.buildFromEndpoint(config.advertisedAddress());
        metrics = new KafkaStreamsMetrics(streams);
        metrics.bindTo(registry);
    }

    /** Streams that stopped for good: only a restart brings them back. */
    private static boolean halted(KafkaStreams.State state) {
        return state == KafkaStreams.State.PENDING_ERROR || state == KafkaStreams.State.ERROR;
    }

    /**
     * Exactly once: a count and the consumed offset are committed in one transaction, as are the dead letters of the
     * records the topology refuses.
     */
    public static Properties properties(String applicationId, String bootstrapServers, String advertisedAddress, String stateDir,
            Duration commitInterval, int streamThreads, DeadLetterCounter deadLetters) {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        // shared with the group, so every instance knows where to ask for the partitions it does not own
        props.put(StreamsConfig.APPLICATION_SERVER_CONFIG, advertisedAddress);
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir);
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, commitInterval.toMillis());
        props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, streamThreads);
        props.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterHandler.class);
        props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterHandler.class);
        props.put(DeadLetterHandler.COUNTER, deadLetters);
        // a large record cache folds the many updates of one window count into one changelog write per commit
        props.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 128L * 1024 * 1024);
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.MAX_POLL_RECORDS_CONFIG), 5000);
        // a fetch returns once it holds 64 KB (tens of contacts and routed contacts) or after 1 s: under load the main
        // consumer fetches a batch rather than each record or two (at 300 contacts/s the two instances fetched 150
        // times a second, more than the rest of the platform together), a lone record is counted within a second (the
        // dashboard refreshes every 2 s), and idle a stream thread wakes once a second (its poll waits 1 s, not 0.1 s).
        // Only the main consumer: the restore consumer's fetch at the end of a changelog would hold a starting or
        // failed-over instance back a second a round
        props.put(StreamsConfig.POLL_MS_CONFIG, 1000L);
        props.put(StreamsConfig.mainConsumerPrefix(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG), 1000);
        props.put(StreamsConfig.mainConsumerPrefix(ConsumerConfig.FETCH_MIN_BYTES_CONFIG), 64 * 1024);
        props.put(StreamsConfig.producerPrefix(ProducerConfig.LINGER_MS_CONFIG), 20);
        props.put(StreamsConfig.producerPrefix(ProducerConfig.BATCH_SIZE_CONFIG), 256 * 1024);
        return props;
    }

    void start(@Observes StartupEvent event) {
        streams.start();
    }

    void stop(@Observes ShutdownEvent event) {
        metrics.close();
        streams.close(CLOSE);
    }

    public boolean isRunning() {
        return streams.state() == KafkaStreams.State.RUNNING;
    }

    public KafkaStreams.State state() {
        return streams.state();
    }

    /** The counts of the partitions this instance owns. */
    public LocalStatistics local() {
        return local;
    }

    /** Where the other instances reach this one. */
    public HostInfo self() {
        return self;
    }

    /** Every instance of the application (this one too) and the partitions each owns. */
    public Collection<StreamsMetadata> instances() {
        return streams.metadataForAllStreamsClients();
    }
}
