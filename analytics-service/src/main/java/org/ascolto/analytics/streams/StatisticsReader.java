package org.ascolto.analytics.streams;

import java.time.Instant;
import java.util.SortedMap;
import java.util.TreeMap;

import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyWindowStore;
import org.ascolto.analytics.domain.Granularity;
import org.ascolto.analytics.domain.Tally;

/**
 * Reads the statistics stores of every partition this instance holds and sums them: each partition
 * counts the citizens it owns. With several instances each would answer for its own partitions only.
 */
public final class StatisticsReader {

    private final KafkaStreams streams;

    public StatisticsReader(KafkaStreams streams) {
        this.streams = streams;
    }

    /** Counts since the beginning. */
    public Tally totals() {
        Tally tally = new Tally();
        for (StatisticsFamily family : StatisticsFamily.values()) {
            ReadOnlyKeyValueStore<String, Long> store = streams.store(
                    StoreQueryParameters.fromNameAndType(family.totalStore(), QueryableStoreTypes.keyValueStore()));
            try (var all = store.all()) {
                all.forEachRemaining(kv -> tally.add(kv.key, kv.value));
            }
        }
        return tally;
    }

    /** Counts per window, for the windows starting from {@code from} to {@code to} inclusive. */
    public SortedMap<Instant, Tally> series(Granularity granularity, Instant from, Instant to) {
        SortedMap<Instant, Tally> series = new TreeMap<>();
        for (StatisticsFamily family : StatisticsFamily.values()) {
            ReadOnlyWindowStore<String, Long> store = streams.store(StoreQueryParameters.fromNameAndType(
                    family.windowStore(granularity), QueryableStoreTypes.windowStore()));
            try (var windows = store.fetchAll(from, to)) {
                windows.forEachRemaining(kv -> series.computeIfAbsent(kv.key.window().startTime(), start -> new Tally())
                        .add(kv.key.key(), kv.value));
            }
        }
        return series;
    }

    /** Counts of the windows starting from {@code from} to {@code to}, added up. */
    public Tally sum(Granularity granularity, Instant from, Instant to) {
        Tally sum = new Tally();
        series(granularity, from, to).values().forEach(sum::addAll);
        return sum;
    }
}
