package org.ascolto.analytics.streams;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.ThreadMetadata;
import org.apache.kafka.streams.TaskMetadata;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyWindowStore;

/**
 * Reads the statistics stores of the partitions this instance owns, partition by partition, and says which: each
 * partition counts the citizens whose keys it holds, so the whole is the sum over every partition of every instance.
 * A partition that moves away while it is read fails the read ({@code InvalidStateStoreException}) rather than go missing.
 */
public final class LocalStatistics {

    private final KafkaStreams streams;

    public LocalStatistics(KafkaStreams streams) {
        this.streams = streams;
    }

    public LocalCounts read(CountsQuery query) {
        Map<String, Set<Integer>> partitions = new HashMap<>();
        Map<String, Long> totals = new TreeMap<>();
        SortedMap<Long, Map<String, Long>> windows = new TreeMap<>();
        for (StatisticsFamily family : StatisticsFamily.values()) {
            Set<Integer> owned = owned(family.topic());
            partitions.put(family.topic(), owned);
            for (int partition : owned) {
                if (query.totals()) {
                    addTotals(family, partition, totals);
                } else {
                    addWindows(family, partition, query, windows);
                }
            }
        }
        return new LocalCounts(partitions, totals, windows);
    }

    private void addTotals(StatisticsFamily family, int partition, Map<String, Long> totals) {
        ReadOnlyKeyValueStore<String, Long> store = streams.store(StoreQueryParameters
                .fromNameAndType(family.totalStore(), QueryableStoreTypes.<String, Long>keyValueStore()).withPartition(partition));
        try (var all = store.all()) {
            all.forEachRemaining(kv -> totals.merge(kv.key, kv.value, Long::sum));
        }
    }

    private void addWindows(StatisticsFamily family, int partition, CountsQuery query, SortedMap<Long, Map<String, Long>> windows) {
        ReadOnlyWindowStore<String, Long> store = streams.store(StoreQueryParameters.fromNameAndType(
                family.windowStore(query.granularity()), QueryableStoreTypes.<String, Long>windowStore()).withPartition(partition));
        try (var all = store.fetchAll(query.from(), query.to())) {
            all.forEachRemaining(kv -> windows.computeIfAbsent(kv.key.window().start(), start -> new TreeMap<>())
                    .merge(kv.key.key(), kv.value, Long::sum));
        }
    }

    /** The partitions of the topic whose tasks run here as active ones (standbys do not answer). */
    private Set<Integer> owned(String topic) {
        Set<Integer> owned = new TreeSet<>();
        for (ThreadMetadata thread : streams.metadataForLocalThreads()) {
            for (TaskMetadata task : thread.activeTasks()) {
                for (TopicPartition partition : task.topicPartitions()) {
                    if (partition.topic().equals(topic)) {
                        owned.add(partition.partition());
                    }
                }
            }
        }
        return owned;
    }
}
