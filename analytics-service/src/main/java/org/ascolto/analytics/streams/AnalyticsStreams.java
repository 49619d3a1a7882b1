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
import org.apache.kafka.streams.errors.LogAndContinueExceptionHandler;
import org.apache.kafka.streams.state.HostInfo;
import org.ascolto.analytics.config.AnalyticsConfig;
import org.ascolto.kafka.KafkaConnection;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;

/** Runs the statistics topology for the life of the service: the partitions this instance owns, and who owns the others. */
@ApplicationScoped
public class AnalyticsStreams {

    private static final Logger LOG = Logger.getLogger(AnalyticsStreams.class);

    /** Leaving the group on close lets the next start take the partitions at once instead of after the session timeout. */
    public static final CloseOptions CLOSE = CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
            .withTimeout(Duration.ofSeconds(10));

    private final KafkaStreams streams;
    private final LocalStatistics local;
    private final HostInfo self;
    private final KafkaStreamsMetrics metrics;

    /** kafkaConfig: every kafka.* property and KAFKA_* variable, whose bootstrap servers and security settings it connects with. */
    public AnalyticsStreams(AnalyticsConfig config, @Identifier("default-kafka-broker") Map<String, Object> kafkaConfig,
            MeterRegistry registry) {
        Properties properties = properties(config.applicationId(), (String) kafkaConfig.get(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG),
                config.advertisedAddress(), config.stateDir(), config.commitInterval(), config.streamThreads());
        // its consumers, producers and admin client connect as the service's user (TLS and SCRAM on Kubernetes)
        properties.putAll(KafkaConnection.settings(kafkaConfig));
        streams = new KafkaStreams(
                StatisticsTopology.build(new StatisticsSettings(config.grace(), config.zone(), config.journeyWindow())), properties);
        streams.setStateListener((now, before) -> LOG.infof("analytics streams %s -> %s", before, now));
        local = new LocalStatistics(streams);
        self = HostInfo.buildFromEndpoint(config.advertisedAddress());
        metrics = new KafkaStreamsMetrics(streams);
        metrics.bindTo(registry);
    }

    /** Exactly once: a count and the consumed offset are committed in one transaction. */
    public static Properties properties(String applicationId, String bootstrapServers, String advertisedAddress, String stateDir,
            Duration commitInterval, int streamThreads) {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        // shared with the group, so every instance knows where to ask for the partitions it does not own
        props.put(StreamsConfig.APPLICATION_SERVER_CONFIG, advertisedAddress);
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir);
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, commitInterval.toMillis());
        props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, streamThreads);
        props.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, LogAndContinueExceptionHandler.class);
        // a large record cache folds the many updates of one window count into one changelog write per commit
        props.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 128L * 1024 * 1024);
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.MAX_POLL_RECORDS_CONFIG), 5000);
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
