package org.ascolto.localinfra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * The CPU time processes have used so far, user and system, from {@code /proc} (Linux), for benches that print CPU
 * per contact beside their rates: on a shared machine CPU per contact moves far less than a rate does.
 */
public final class ProcessCpu {

    /** {@code /proc/PID/stat} counts in clock ticks, 100 a second on Linux. */
    private static final double TICKS_PER_SECOND = 100.0;

    private ProcessCpu() {
    }

    /** The CPU seconds of one process. */
    public static double seconds(long pid) {
        try {
            return ticks(Files.readString(Path.of("/proc/" + pid + "/stat"))) / TICKS_PER_SECOND;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The CPU seconds of every process now running whose command name is {@code command} (PostgreSQL's: postgres). */
    public static double secondsOfAll(String command) {
        try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
            return processes.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit))
                    .mapToLong(p -> ticksIf(p.resolve("stat"), command)).sum() / TICKS_PER_SECOND;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long ticksIf(Path stat, String command) {
        try {
            String line = Files.readString(stat);
            return line.substring(line.indexOf('(') + 1, line.lastIndexOf(')')).equals(command) ? ticks(line) : 0;
        } catch (NoSuchFileException e) {
            return 0; // ended meanwhile
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** utime and stime, fields 14 and 15 of the stat line; the command name before them may hold spaces. */
    private static long ticks(String stat) {
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }
}
