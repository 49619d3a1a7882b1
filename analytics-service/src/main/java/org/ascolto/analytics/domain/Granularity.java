package org.ascolto.analytics.domain;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;

/** The window sizes statistics are kept in, aligned to the city's local clock. */
public enum Granularity {
    MINUTE(ChronoUnit.MINUTES, Duration.ofDays(2)),
    HOUR(ChronoUnit.HOURS, Duration.ofDays(35)),
    // a year and a month, so year-to-date totals and last year's December stay answerable
    DAY(ChronoUnit.DAYS, Duration.ofDays(400));

    private final ChronoUnit unit;
    private final Duration retention;

    Granularity(ChronoUnit unit, Duration retention) {
        this.unit = unit;
        this.retention = retention;
    }

    public Instant windowStart(Instant time, ZoneId zone) {
        return time.atZone(zone).truncatedTo(unit).toInstant();
    }

    public Duration size() {
        return unit.getDuration();
    }

    public Duration retention() {
        return retention;
    }

    public String storeName(String family) {
        return family + "-" + name().toLowerCase();
    }
}
