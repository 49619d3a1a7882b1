package org.ascolto.analytics.streams;

import java.util.Map;
import java.util.Set;
import java.util.SortedMap;

/**
 * The counts one instance holds: those of the partitions it owns ({@code partitions}, by topic), as totals by dimension
 * or as windows (start in epoch milliseconds) by dimension. Instances send them to each other; they carry no personal data.
 */
public record LocalCounts(Map<String, Set<Integer>> partitions, Map<String, Long> totals,
        SortedMap<Long, Map<String, Long>> windows) {
}
