package org.ascolto.localinfra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
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

    /** The stat of a running process; nothing when it has ended (or was never there). */
    public static Optional<Stat> of(long pid) {
        String stat;
        try {
            stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
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
