package org.ascolto.analytics.streams;

import java.time.Duration;
import java.util.Map;
import java.util.Properties;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.LogAndContinueExceptionHandler;
import org.ascolto.analytics.config.AnalyticsConfig;
import org.ascolto.kafka.KafkaConnection;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;

/** Runs the statistics topology for the life of the service and answers queries from its state stores. */
@ApplicationScoped
public class AnalyticsStreams {

    private static final Logger LOG = Logger.getLogger(AnalyticsStreams.class);

    /** Leaving the group on close lets the next start take the partitions at once instead of after the session timeout. */
    public static final CloseOptions CLOSE = CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
            .withTimeout(Duration.ofSeconds(10));

    private final KafkaStreams streams;
    private final StatisticsReader reader;
    private final KafkaStreamsMetrics metrics;

    /** kafkaConfig: every kafka.* property and KAFKA_* variable, whose bootstrap servers and security settings it connects with. */
    public AnalyticsStreams(AnalyticsConfig config, @Identifier("default-kafka-broker") Map<String, Object> kafkaConfig,
            MeterRegistry registry) {
        Properties properties = properties(config.applicationId(), (String) kafkaConfig.get(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG),
                config.stateDir(), config.commitInterval(), config.streamThreads());
        // its consumers, producers and admin client connect as the service's user (TLS and SCRAM on Kubernetes)
        properties.putAll(KafkaConnection.settings(kafkaConfig));
        streams = new KafkaStreams(
                StatisticsTopology.build(new StatisticsSettings(config.grace(), config.zone(), config.journeyWindow())), properties);
        streams.setStateListener((now, before) -> LOG.infof("analytics streams %s -> %s", before, now));
        reader = new StatisticsReader(streams);
        metrics = new KafkaStreamsMetrics(streams);
        metrics.bindTo(registry);
    }

    /** Exactly once: a count and the consumed offset are committed in one transaction. */
    public static Properties properties(String applicationId, String bootstrapServers, String stateDir,
            Duration commitInterval, int streamThreads) {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
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

    public StatisticsReader statistics() {
        return reader;
    }
}
