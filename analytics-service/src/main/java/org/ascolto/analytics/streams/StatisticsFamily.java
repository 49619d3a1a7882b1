package org.ascolto.analytics.streams;

import org.ascolto.analytics.domain.Granularity;
import org.ascolto.contracts.Topics;

/** One input topic's statistics and the state stores that hold them. */
public enum StatisticsFamily {
    CONTACTS("contacts", Topics.CONTACTS),
    ROUTED("routed", Topics.CONTACTS_ROUTED);

    private final String prefix;
    private final String topic;

    StatisticsFamily(String prefix, String topic) {
        this.prefix = prefix;
        this.topic = topic;
    }

    /** The topic counted: its partitions are the stores' partitions. */
    public String topic() {
        return topic;
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
