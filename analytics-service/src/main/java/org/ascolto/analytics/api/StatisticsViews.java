package org.ascolto.analytics.api;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ServiceUnavailableException;

import org.ascolto.analytics.cluster.ClusterStatistics;
import org.ascolto.analytics.config.AnalyticsConfig;
import org.ascolto.analytics.domain.Granularity;
import org.ascolto.analytics.domain.Tally;
import org.ascolto.analytics.streams.AnalyticsStreams;

import com.fasterxml.jackson.annotation.JsonInclude;

/** The figures the API and the dashboard show, read from the statistics stores. */
@ApplicationScoped
public class StatisticsViews {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ChannelCounts(Map<String, Long> channels, long total, String granularity, Instant from, Instant to,
            List<Window> series) {

        static ChannelCounts of(Tally tally) {
            return new ChannelCounts(tally.channels(), tally.contacts(), null, null, null, null);
        }
    }

    public record Window(Instant start, Map<String, Long> channels, long total) {
    }

    public record Categories(Instant from, Instant to, long routed, Map<String, Long> categories,
            Map<String, Map<String, Long>> channels, long urgent, double urgentShare, Map<String, Long> urgentByChannel) {
    }

    public record Journeys(Instant from, Instant to, long contacts, long repeatContacts, double repeatRate,
            long channelSwitches, double switchRate, Map<String, Long> repeatsByChannel, Map<String, Long> switchesByPair) {
    }

    public record AnnualComparison(String name, List<String> channels, long yearToDate, long annualLow, long annualHigh,
            long projectedAnnual) {
    }

    public record YearToDate(int year, Instant from, Instant to, Map<String, Long> channels, long total,
            Map<String, Double> shares, List<AnnualComparison> milan) {
    }

    public record Overview(Instant generatedAt, ChannelCounts lastHour, ChannelCounts today, YearToDate yearToDate,
            ChannelCounts perMinute, Categories categories, Journeys journeys) {
    }

    private static final int MAX_WINDOWS = 10_000;

    private final AnalyticsStreams streams;
    private final ClusterStatistics statistics;
    private final AnalyticsConfig config;
    private final Clock clock = Clock.systemUTC();

    public StatisticsViews(AnalyticsStreams streams, ClusterStatistics statistics, AnalyticsConfig config) {
        this.streams = streams;
        this.statistics = statistics;
        this.config = config;
    }

    public ChannelCounts totals() {
        return ChannelCounts.of(reader().totals());
    }

    /** Contacts per channel in the windows from {@code from} to {@code to}, window by window and added up. */
    public ChannelCounts channels(Granularity granularity, Instant from, Instant to) {
        Instant first = granularity.windowStart(from, zone());
        if (Duration.between(first, to).dividedBy(granularity.size()) > MAX_WINDOWS) {
            throw new IllegalArgumentException("more than " + MAX_WINDOWS + " windows: choose a coarser granularity");
        }
        List<Window> series = new ArrayList<>();
        Tally sum = new Tally();
        reader().series(granularity, first, to).forEach((start, tally) -> {
            series.add(new Window(start, tally.channels(), tally.contacts()));
            sum.addAll(tally);
        });
        return new ChannelCounts(sum.channels(), sum.contacts(), granularity.name().toLowerCase(), first, to, series);
    }

    public Categories categories(Instant from, Instant to) {
        return categories(from, to, hours(from, to));
    }

    public Journeys journeys(Instant from, Instant to) {
        return journeys(from, to, hours(from, to));
    }

    public YearToDate yearToDate() {
        Instant now = clock.instant();
        return yearToDate(now, reader().sum(Granularity.DAY, newYear(now), now));
    }

    /**
     * Everything the dashboard shows, read at one moment: three reads of the counts (minutes of the last hour, days of
     * the year, hours since the earlier of today and the journey window), each view a part of one of them.
     */
    public Overview overview() {
        Instant now = clock.instant();
        Instant lastHourStart = Granularity.MINUTE.windowStart(now.minus(Duration.ofMinutes(59)), zone());
        Instant todayStart = Granularity.DAY.windowStart(now, zone());
        Instant journeyFrom = now.minus(config.journeyWindow());
        Instant journeyHour = Granularity.HOUR.windowStart(journeyFrom, zone());
        ChannelCounts perMinute = channels(Granularity.MINUTE, lastHourStart, now);
        ChannelCounts lastHour = new ChannelCounts(perMinute.channels(), perMinute.total(), null, null, null, null);
        SortedMap<Instant, Tally> days = reader().series(Granularity.DAY, newYear(now), now);
        SortedMap<Instant, Tally> hours = reader().series(Granularity.HOUR,
                todayStart.isBefore(journeyHour) ? todayStart : journeyHour, now);
        return new Overview(now, lastHour, ChannelCounts.of(Tally.sum(days.tailMap(todayStart).values())),
                yearToDate(now, Tally.sum(days.values())), perMinute,
                categories(todayStart, now, Tally.sum(hours.tailMap(todayStart).values())),
                journeys(journeyFrom, now, Tally.sum(hours.tailMap(journeyHour).values())));
    }

    private Tally hours(Instant from, Instant to) {
        return reader().sum(Granularity.HOUR, Granularity.HOUR.windowStart(from, zone()), to);
    }

    private static Categories categories(Instant from, Instant to, Tally tally) {
        return new Categories(from, to, tally.routed(), tally.categories(), tally.categoriesByChannel(), tally.urgent(),
                share(tally.urgent(), tally.routed()), tally.urgentByChannel());
    }

    private static Journeys journeys(Instant from, Instant to, Tally tally) {
        return new Journeys(from, to, tally.contacts(), tally.repeats(), share(tally.repeats(), tally.contacts()),
                tally.switches(), share(tally.switches(), tally.contacts()), tally.repeatsByChannel(), tally.switchesByPair());
    }

    private Instant newYear(Instant now) {
        return LocalDate.ofInstant(now, zone()).withDayOfYear(1).atStartOfDay(zone()).toInstant();
    }

    /** The year so far, from the days since New Year added up, beside Milan's yearly figures. */
    private YearToDate yearToDate(Instant now, Tally tally) {
        Instant newYear = newYear(now);
        Map<String, Double> shares = new TreeMap<>();
        tally.channels().forEach((channel, n) -> shares.put(channel, share(n, tally.contacts())));
        double yearElapsed = Duration.between(newYear, now).toMillis()
                / (double) Duration.between(newYear, newYear.atZone(zone()).plusYears(1).toInstant()).toMillis();
        List<AnnualComparison> milan = new ArrayList<>();
        config.annualFigures().forEach((name, figure) -> {
            long count = figure.channels().stream().mapToLong(c -> tally.channels().getOrDefault(c, 0L)).sum();
            milan.add(new AnnualComparison(name, figure.channels(), count, figure.low(), figure.high(),
                    Math.round(count / Math.max(yearElapsed, 1e-9))));
        });
        milan.sort((a, b) -> Long.compare(b.annualHigh(), a.annualHigh()));
        return new YearToDate(LocalDate.ofInstant(now, zone()).getYear(), newYear, now, tally.channels(), tally.contacts(),
                shares, milan);
    }

    public ZoneId zone() {
        return config.zone();
    }

    private ClusterStatistics reader() {
        if (!streams.isRunning()) {
            throw new ServiceUnavailableException("statistics are being restored (" + streams.state() + "); retry shortly");
        }
        return statistics;
    }

    private static double share(long part, long whole) {
        return whole == 0 ? 0.0 : (double) part / whole;
    }
}
