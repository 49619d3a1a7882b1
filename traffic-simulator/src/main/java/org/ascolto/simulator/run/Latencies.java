package org.ascolto.simulator.run;

import java.util.Arrays;

/** Recorded durations and their percentiles. */
public final class Latencies {

    private long[] nanos = new long[1024];
    private int count;

    public synchronized void record(long durationNanos) {
        if (count == nanos.length) {
            nanos = Arrays.copyOf(nanos, count * 2);
        }
        nanos[count++] = durationNanos;
    }

    synchronized void copyInto(Latencies target) {
        for (int i = 0; i < count; i++) {
            target.record(nanos[i]);
        }
    }

    public synchronized int count() {
        return count;
    }

    /** The {@code percentile} (0–100) in milliseconds, nearest-rank; NaN when nothing was recorded. */
    public synchronized double millis(double percentile) {
        if (count == 0) {
            return Double.NaN;
        }
        long[] sorted = Arrays.copyOf(nanos, count);
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(percentile / 100 * count);
        return sorted[Math.max(0, Math.min(count, rank) - 1)] / 1e6;
    }
}
