package org.ascolto.analytics.streams;

import java.time.Instant;

import org.ascolto.analytics.domain.Granularity;

/** Which counts to read: the totals since the beginning, or the windows of a granularity starting from {@code from} to {@code to}. */
public record CountsQuery(Granularity granularity, Instant from, Instant to) {

    public static final CountsQuery TOTALS = new CountsQuery(null, null, null);

    public static CountsQuery windows(Granularity granularity, Instant from, Instant to) {
        return new CountsQuery(granularity, from, to);
    }

    /** As another instance asks ({@code PeerStatisticsClient}): no granularity for the totals, else the range in epoch milliseconds. */
    public static CountsQuery of(String granularity, Long from, Long to) {
        if (granularity == null) {
            return TOTALS;
        }
        if (from == null || to == null) {
            throw new IllegalArgumentException("from and to are required with a granularity");
        }
        return windows(Granularity.valueOf(granularity.toUpperCase()), Instant.ofEpochMilli(from), Instant.ofEpochMilli(to));
    }

    public boolean totals() {
        return granularity == null;
    }
}
