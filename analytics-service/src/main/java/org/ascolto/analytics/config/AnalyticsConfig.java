package org.ascolto.analytics.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "ascolto.analytics")
public interface AnalyticsConfig {

    /** Kafka Streams application id: its consumer group and the prefix of its internal topics. */
    @WithDefault("analytics-service")
    String applicationId();

    /** Where the local state stores live; they are rebuilt from their changelogs if lost. */
    @WithDefault("${java.io.tmpdir}/ascolto-analytics")
    String stateDir();

    /** How often results are committed; counts are exactly once across restarts. */
    @WithDefault("500ms")
    Duration commitInterval();
}
