package org.ascolto.analytics.cluster;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ServiceUnavailableException;

import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.ascolto.analytics.domain.Granularity;
import org.ascolto.analytics.domain.Tally;
import org.ascolto.analytics.streams.AnalyticsStreams;
import org.ascolto.analytics.streams.CountsQuery;
import org.ascolto.analytics.streams.LocalCounts;
import org.ascolto.analytics.streams.StatisticsFamily;

/**
 * The counts of the whole application, whatever the number of instances: each instance owns some partitions and counts
 * the citizens of those, so a query asks every instance the Kafka Streams metadata names for its share (this one
 * directly, the others over HTTP) and adds them up. An answer covers every partition exactly once or is not given:
 * while partitions move between instances the caller gets 503 and retries, never a partial or double count.
 */
@ApplicationScoped
public class ClusterStatistics {

    private final AnalyticsStreams streams;
    private final PeerStatisticsClient peers;

    public ClusterStatistics(AnalyticsStreams streams, PeerStatisticsClient peers) {
        this.streams = streams;
        this.peers = peers;
    }

    /** Counts since the beginning. */
    public Tally totals() {
        Tally tally = new Tally();
        gather(CountsQuery.TOTALS).forEach(counts -> counts.totals().forEach(tally::add));
        return tally;
    }

    /** Counts per window, for the windows starting from {@code from} to {@code to} inclusive. */
    public SortedMap<Instant, Tally> series(Granularity granularity, Instant from, Instant to) {
        SortedMap<Instant, Tally> series = new TreeMap<>();
        gather(CountsQuery.windows(granularity, from, to)).forEach(counts -> counts.windows().forEach((start, window) -> {
            Tally tally = series.computeIfAbsent(Instant.ofEpochMilli(start), s -> new Tally());
            window.forEach(tally::add);
        }));
        return series;
    }

    /** Counts of the windows starting from {@code from} to {@code to}, added up. */
    public Tally sum(Granularity granularity, Instant from, Instant to) {
        return Tally.sum(series(granularity, from, to).values());
    }

    private List<LocalCounts> gather(CountsQuery query) {
        List<CompletableFuture<LocalCounts>> answers = new ArrayList<>();
        Map<String, Set<Integer>> assigned = new HashMap<>();
        boolean ownsPartitions = false;
        for (StreamsMetadata instance : streams.instances()) {
            for (TopicPartition partition : instance.topicPartitions()) {
                assigned.computeIfAbsent(partition.topic(), topic -> new HashSet<>()).add(partition.partition());
            }
            if (instance.hostInfo().equals(streams.self())) {
                ownsPartitions = true;
            } else {
                answers.add(peers.ask(instance.hostInfo(), query));
            }
        }
        List<LocalCounts> shares = new ArrayList<>();
        if (ownsPartitions) {
            // read while the peers' answers are on their way
            shares.add(localShare(query));
        }
        try {
            answers.forEach(answer -> shares.add(answer.join()));
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
        checkCoverage(shares, assigned);
        return shares;
    }

    /** This instance's share, for itself or for the instance a peer asked; 503 while its stores are not queryable. */
    public LocalCounts localShare(CountsQuery query) {
        if (!streams.isRunning()) {
            throw moving();
        }
        try {
            return streams.local().read(query);
        } catch (InvalidStateStoreException e) {
            throw moving();
        }
    }

    /** Every partition of every counted topic, each exactly once. */
    static void checkCoverage(List<LocalCounts> shares, Map<String, Set<Integer>> assigned) {
        for (StatisticsFamily family : StatisticsFamily.values()) {
            Set<Integer> covered = new HashSet<>();
            for (LocalCounts share : shares) {
                for (int partition : share.partitions().getOrDefault(family.topic(), Set.of())) {
                    if (!covered.add(partition)) {
                        throw moving();
                    }
                }
            }
            if (covered.isEmpty() || !covered.equals(assigned.getOrDefault(family.topic(), Set.of()))) {
                throw moving();
            }
        }
    }

    public static ServiceUnavailableException moving() {
        return new ServiceUnavailableException("statistics partitions are moving between instances; retry shortly", 1L);
    }
}
