package org.ascolto.localinfra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The CPU time processes have used so far, user and system, from {@code /proc} (Linux), for benches that print CPU
 * per contact beside their rates: on a shared machine CPU per contact moves far less than a rate does.
 */
public final class ProcessCpu {

    /** {@code /proc}'s unit of CPU time, USER_HZ, which is 100 on every Linux of x86 and ARM. */
    public static final long NANOS_PER_TICK = 10_000_000;

    private ProcessCpu() {
    }

    /** A process's line of {@code /proc/PID/stat}: its command name, parent and CPU ticks (user + system). */
    public record Stat(long pid, String command, long parent, long ticks) {

        public double seconds() {
            return ticks * NANOS_PER_TICK / 1e9;
        }
    }

    /** The threads of HotSpot's JIT compilers, "C1 CompilerThread0", "C2 CompilerThread1"..., by their 15-character names. */
    private static final Pattern COMPILER_THREAD = Pattern.compile("C[12] CompilerThre.*");

    /** The stat of a running process; nothing when it has ended (or was never there). */
    public static Optional<Stat> of(long pid) {
        return parse(pid, Path.of("/proc", Long.toString(pid), "stat"));
    }

    /**
     * The CPU ticks so far of a JVM's JIT compiler threads (0 for a process without them, or gone): work that a warm
     * JVM no longer does, which a bench tells apart from the work it measures.
     */
    public static long compilerTicks(long pid) {
        try (Stream<Path> threads = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            return threads.flatMap(thread -> parse(pid, thread.resolve("stat")).stream())
                    .filter(thread -> COMPILER_THREAD.matcher(thread.command()).matches()).mapToLong(Stat::ticks).sum();
        } catch (IOException | UncheckedIOException e) {
            return 0;
        }
    }

    private static Optional<Stat> parse(long pid, Path file) {
        String stat;
        try {
            stat = Files.readString(file);
        } catch (IOException e) {
            return Optional.empty();
        }
        int open = stat.indexOf('(');
        int close = stat.lastIndexOf(')');
        if (open < 0 || close < open) {
            return Optional.empty();
        }
        // after "pid (comm) ", whose comm may hold spaces: state is field 3, parent 4, utime 14, stime 15
        String[] fields = stat.substring(close + 2).split(" ");
        return Optional.of(new Stat(pid, stat.substring(open + 1, close), Long.parseLong(fields[1]),
                Long.parseLong(fields[11]) + Long.parseLong(fields[12])));
    }

    /** Every process now running; a {@code /proc} that cannot be listed is an {@link UncheckedIOException}. */
    public static List<Stat> all() {
        try (Stream<Path> dirs = Files.list(Path.of("/proc"))) {
            return dirs.map(dir -> dir.getFileName().toString()).filter(name -> name.chars().allMatch(Character::isDigit))
                    .flatMap(name -> of(Long.parseLong(name)).stream()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The CPU seconds of one running process. */
    public static double seconds(long pid) {
        return of(pid).orElseThrow(() -> new IllegalStateException("no process " + pid)).seconds();
    }

    /** The CPU seconds of every process now running whose command name is {@code command} (PostgreSQL's: postgres). */
    public static double secondsOfAll(String command) {
        return all().stream().filter(stat -> stat.command().equals(command)).mapToDouble(Stat::seconds).sum();
    }

    /** The line of {@code /proc/loadavg} (the load averages over 1, 5 and 15 minutes first), or "unknown". */
    public static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).strip();
        } catch (IOException e) {
            return "unknown";
        }
    }
}
