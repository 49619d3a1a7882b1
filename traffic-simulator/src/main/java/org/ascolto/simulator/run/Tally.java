package org.ascolto.simulator.run;

import java.io.PrintStream;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import org.ascolto.simulator.traffic.Channel;

/** What happened to every request, per channel: the simulator's progress and its summary. */
public final class Tally {

    /** Counters of one channel. */
    static final class PerChannel {
        final LongAdder sent = new LongAdder();
        final LongAdder accepted = new LongAdder();
        final LongAdder returning = new LongAdder();
        final LongAdder redelivered = new LongAdder();
        final LongAdder retried = new LongAdder();
        final Map<String, LongAdder> refused = new ConcurrentHashMap<>();
        final Latencies latencies = new Latencies();
    }

    private final Map<Channel, PerChannel> channels = new EnumMap<>(Channel.class);
    private final LongAdder inFlight = new LongAdder();

    public Tally() {
        for (Channel channel : Channel.values()) {
            channels.put(channel, new PerChannel());
        }
    }

    void sent(Channel channel, boolean returning) {
        channels.get(channel).sent.increment();
        if (returning) {
            channels.get(channel).returning.increment();
        }
    }

    /** {@code contacts} accepted by one 2xx, each with its latency. */
    void accepted(Channel channel, int contacts, long latencyNanos) {
        channels.get(channel).accepted.add(contacts);
        for (int i = 0; i < contacts; i++) {
            channels.get(channel).latencies.record(latencyNanos);
        }
    }

    void redelivered(Channel channel, int contacts) {
        channels.get(channel).redelivered.add(contacts);
    }

    void retried(Channel channel, int contacts) {
        channels.get(channel).retried.add(contacts);
    }

    /** Contacts the adapter did not accept, by HTTP status or by the I/O error's name. */
    void refused(Channel channel, int contacts, String why) {
        channels.get(channel).refused.computeIfAbsent(why, key -> new LongAdder()).add(contacts);
    }

    LongAdder inFlight() {
        return inFlight;
    }

    public long sent() {
        return channels.values().stream().mapToLong(counts -> counts.sent.sum()).sum();
    }

    public long accepted() {
        return channels.values().stream().mapToLong(counts -> counts.accepted.sum()).sum();
    }

    public long refused() {
        return channels.values().stream().flatMap(counts -> counts.refused.values().stream()).mapToLong(LongAdder::sum).sum();
    }

    public long redelivered() {
        return channels.values().stream().mapToLong(counts -> counts.redelivered.sum()).sum();
    }

    /** Latency from sending to the adapter's 2xx, of all first deliveries. */
    public double acceptedMillis(double percentile) {
        Latencies all = new Latencies();
        channels.values().forEach(counts -> counts.latencies.copyInto(all));
        return all.millis(percentile);
    }

    private static String millis(Latencies latencies, double percentile) {
        return latencies.count() == 0 ? "-" : String.format(java.util.Locale.ROOT, "%.1f", latencies.millis(percentile));
    }

    public void print(PrintStream out, Set<Channel> skipped) {
        out.printf("%-10s %9s %9s %9s %11s %8s %9s %9s %9s  %s%n",
                "channel", "sent", "accepted", "returning", "redelivered", "retried", "p50 ms", "p95 ms", "p99 ms", "refused");
        channels.forEach((channel, counts) -> {
            if (counts.sent.sum() == 0 && !skipped.contains(channel)) {
                return;
            }
            Map<String, Long> refused = new TreeMap<>();
            counts.refused.forEach((why, n) -> refused.put(why, n.sum()));
            out.printf("%-10s %9d %9d %9d %11d %8d %9s %9s %9s  %s%n", channel.id,
                    counts.sent.sum(), counts.accepted.sum(), counts.returning.sum(), counts.redelivered.sum(),
                    counts.retried.sum(), millis(counts.latencies, 50), millis(counts.latencies, 95), millis(counts.latencies, 99),
                    skipped.contains(channel) ? "skipped: adapter not running" : refused.isEmpty() ? "-" : refused);
        });
    }
}
