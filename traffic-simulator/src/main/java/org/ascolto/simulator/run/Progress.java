package org.ascolto.simulator.run;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.ascolto.simulator.traffic.Schedule;

/** A progress bar on the terminal: done so far, the rate now and the target, the ETA, what the schedule is doing. */
public final class Progress implements AutoCloseable {

    private static final int WIDTH = 28;

    private final Schedule schedule;
    private final long limit;
    private final Tally tally;
    private final PrintStream out;
    private final boolean terminal = System.console() != null;
    private final long start = System.nanoTime();
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "progress");
        thread.setDaemon(true);
        return thread;
    });
    private long lastSent;
    private long lastAt = start;
    private long lastPrinted;

    public Progress(Schedule schedule, long limit, Tally tally, PrintStream out) {
        this.schedule = schedule;
        this.limit = limit;
        this.tally = tally;
        this.out = out;
        ticker.scheduleAtFixedRate(this::print, 500, 500, TimeUnit.MILLISECONDS);
    }

    private synchronized void print() {
        long now = System.nanoTime();
        Duration elapsed = Duration.ofNanos(now - start);
        long sent = tally.sent();
        double rate = (sent - lastSent) / ((now - lastAt) / 1e9);
        lastSent = sent;
        lastAt = now;
        double byTime = Math.min(1, (double) elapsed.toNanos() / schedule.length().toNanos());
        double done = limit == Long.MAX_VALUE ? byTime : Math.max(byTime, Math.min(1, (double) sent / limit));
        long etaSeconds = done <= 0 ? 0 : (long) (elapsed.toSeconds() * (1 - done) / done);
        String bar = "#".repeat((int) (done * WIDTH)) + ".".repeat(WIDTH - (int) (done * WIDTH));
        double target = schedule.ratePerSecond(elapsed);
        String line = String.format(Locale.ROOT, "[%s] %3.0f%%  %,d sent  %,.0f/s%s  ETA %s  open %d  refused %d  %s",
                bar, done * 100, sent, rate, Double.isInfinite(target) ? "" : String.format(Locale.ROOT, " (target %,.0f/s)", target),
                clock(etaSeconds), tally.inFlight().sum(), tally.refused(), schedule.describe(elapsed));
        if (terminal) {
            out.print("\r" + line + "   ");
        } else if (now - lastPrinted >= TimeUnit.SECONDS.toNanos(5)) {
            out.println(line);
            lastPrinted = now;
        }
        out.flush();
    }

    private static String clock(long seconds) {
        return seconds >= 3600 ? String.format("%d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60)
                : String.format("%d:%02d", seconds / 60, seconds % 60);
    }

    @Override
    public void close() {
        ticker.shutdownNow();
        lastPrinted = 0;
        print();
        out.println();
    }
}
