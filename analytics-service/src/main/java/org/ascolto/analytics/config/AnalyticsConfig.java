package org.ascolto.analytics.config;

import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "ascolto.analytics")
public interface AnalyticsConfig {

    /** Kafka Streams application id: its consumer group and the prefix of its internal topics. */
    @WithDefault("analytics-service")
    String applicationId();

    /**
     * host:port where the other instances of the application reach this one's API (Kafka Streams' application.server):
     * each instance counts the partitions it owns, and a query asks every instance for its share.
     */
    @WithDefault("localhost:8087")
    String advertisedAddress();

    /** Where the local state stores live; they are rebuilt from their changelogs if lost. */
    @WithDefault("${java.io.tmpdir}/ascolto-analytics")
    String stateDir();

    /** How often results are committed; counts are exactly once across restarts. */
    @WithDefault("1s")
    Duration commitInterval();

    /** Stream threads of this instance; the topics' partitions are shared among them. */
    @WithDefault("3")
    int streamThreads();

    /** How late (behind the newest occurredAt seen) a contact may arrive and still be counted in its window. */
    @WithDefault("24h")
    Duration grace();

    /** The time zone of the city: days and hours are local days and hours. */
    @WithDefault("Europe/Rome")
    ZoneId zone();

    /** A contact repeats, or switches channel, when the same citizen wrote within this period before. */
    @WithDefault("7d")
    Duration journeyWindow();

    /** How often the dashboard asks for fresh figures. */
    @WithDefault("2s")
    Duration dashboardInterval();

    /** The public client of the identity provider the dashboard signs analysts in with (authorization code and PKCE). */
    @WithDefault("analytics-dashboard")
    String dashboardClientId();

    /** The city's published requests per year, by channel group: the yardstick of the year-to-date totals. */
    Map<String, AnnualFigure> annualFigures();

    interface AnnualFigure {
        /** The channels the published figure covers. */
        List<String> channels();

        long low();

        long high();
    }
}
