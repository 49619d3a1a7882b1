package org.ascolto.analytics.streams;

import org.ascolto.analytics.domain.Granularity;

/** One input topic's statistics and the state stores that hold them. */
public enum StatisticsFamily {
    CONTACTS("contacts"),
    ROUTED("routed");

    private final String prefix;

    StatisticsFamily(String prefix) {
        this.prefix = prefix;
    }

    /** Recent contacts per citizen key: de-duplication and journeys. */
    String historyStore() {
        return prefix + "-by-citizen";
    }

    /** Counts per dimension in windows of the granularity. */
    String windowStore(Granularity granularity) {
        return granularity.storeName(prefix + "-counts");
    }

    /** Counts per dimension since the beginning. */
    String totalStore() {
        return prefix + "-totals";
    }
}
