package org.ascolto.simulator.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.ascolto.localinfra.ProcessCpu;
import org.ascolto.localinfra.ProcessCpu.Stat;

/**
 * CPU time (user + system) of every process of the local run, read from {@code /proc}: the processes
 * {@code ./ascolto run} started (its pid files: services, Kafka, Keycloak), and the PostgreSQL server's processes
 * that serve the platform's databases (their connections, and the server's own writer, checkpointer and launchers,
 * which other databases' clients on the same server share). CPU time in {@code /proc} is hardly affected by what
 * else runs on the machine, unlike rates and latencies.
 */
public final class PlatformCpu {

    private static final String POSTGRES_CONNECTIONS = "postgres (platform's connections)";
    private static final String POSTGRES_SERVER = "postgres (server's own processes)";
    /** The PostgreSQL backends of the load generator itself (its polling for cases): its work, not the platform's. */
    static final String LOAD_GENERATOR_POSTGRES = "postgres (load generator's connections)";
    /** The local run's stand-ins of WhatsApp, Meta and the mail server: the outside world, shown apart from the platform. */
    static final String CHANNEL_STAND_INS = "channel-stand-ins";

    private final Path pidFiles;
    private final Set<String> databases;
    private final Set<Long> excluded;

    /** {@code excluded}: PostgreSQL backends of the load generator itself, which are not the platform's work. */
    public PlatformCpu(Path pidFiles, Set<String> databases, Set<Long> excluded) {
        this.pidFiles = pidFiles;
        this.databases = databases;
        this.excluded = excluded;
    }

    /** CPU time and wall-clock time at one instant: of each process, and of the JIT compiler threads of each JVM. */
    public record Sample(long nanoTime, Map<String, Map<Long, Long>> ticksByProcess, Map<String, Map<Long, Long>> compilerTicksByProcess,
            String loadAverage) {
    }

    public Sample sample() {
        // the time of the reading of /proc, not of the end of the sample: what comes after it on a loaded machine is outside both
        long now = System.nanoTime();
        Map<Long, Stat> processes = new HashMap<>();
        try {
            ProcessCpu.all().forEach(stat -> processes.put(stat.pid(), stat));
        } catch (UncheckedIOException e) {
            throw new IllegalStateException("cannot read /proc: CPU is measured on Linux only", e);
        }
        Map<Long, List<Long>> children = new HashMap<>();
        processes.values().forEach(stat -> children.computeIfAbsent(stat.parent(), p -> new ArrayList<>()).add(stat.pid()));
        Map<String, Map<Long, Long>> ticks = new TreeMap<>();
        Map<String, Map<Long, Long>> compilerTicks = new TreeMap<>();
        Set<Long> counted = new HashSet<>();
        excluded.stream().filter(processes::containsKey).forEach(pid -> {
            counted.add(pid);
            ticks.computeIfAbsent(LOAD_GENERATOR_POSTGRES, n -> new HashMap<>()).put(pid, processes.get(pid).ticks());
        });
        // a started process and its children (Keycloak's script starts its JVM as a child)
        try (Stream<Path> files = Files.list(pidFiles)) {
            files.filter(file -> file.getFileName().toString().endsWith(".pid")).forEach(file -> {
                String name = file.getFileName().toString().replaceFirst("\\.pid$", "");
                Deque<Long> family = new ArrayDeque<>(List.of(Long.parseLong(read(file).trim())));
                for (Long pid = family.poll(); pid != null; pid = family.poll()) {
                    if (processes.containsKey(pid) && counted.add(pid)) {
                        ticks.computeIfAbsent(name, n -> new HashMap<>()).put(pid, processes.get(pid).ticks());
                        compilerTicks.computeIfAbsent(name, n -> new HashMap<>()).put(pid, ProcessCpu.compilerTicks(pid));
                        family.addAll(children.getOrDefault(pid, List.of()));
                    }
                }
            });
        } catch (IOException e) {
            // no local run: only PostgreSQL is measured
        }
        processes.values().stream().filter(stat -> stat.command().equals("postgres") && !counted.contains(stat.pid()))
                .forEach(stat -> {
                    String group = postgresGroup(read(Path.of("/proc", Long.toString(stat.pid()), "cmdline")).replace('\0', ' ').trim());
                    if (group != null) {
                        ticks.computeIfAbsent(group, n -> new HashMap<>()).put(stat.pid(), stat.ticks());
                    }
                });
        return new Sample(now, ticks, compilerTicks, ProcessCpu.loadAverage().split(" ", 2)[0]);
    }

    /** CPU of each process between two samples: a process born in between counts from zero. */
    public static Map<String, Long> cpuNanos(Sample before, Sample after) {
        return nanos(before.ticksByProcess(), after.ticksByProcess());
    }

    /** CPU of each JVM's JIT compiler threads between two samples. */
    private static Map<String, Long> compilerNanos(Sample before, Sample after) {
        return nanos(before.compilerTicksByProcess(), after.compilerTicksByProcess());
    }

    private static Map<String, Long> nanos(Map<String, Map<Long, Long>> before, Map<String, Map<Long, Long>> after) {
        Map<String, Long> nanos = new TreeMap<>();
        after.forEach((name, pids) -> {
            Map<Long, Long> earlier = before.getOrDefault(name, Map.of());
            long ticks = 0;
            for (Map.Entry<Long, Long> pid : pids.entrySet()) {
                ticks += pid.getValue() - earlier.getOrDefault(pid.getKey(), 0L);
            }
            nanos.put(name, ticks * ProcessCpu.NANOS_PER_TICK);
        });
        return nanos;
    }

    /**
     * The table of CPU per process between two samples: seconds, % of one core, and per contact when
     * {@code contacts} > 0, and of a JVM the share of its JIT compiler threads; then the platform's total, with and
     * without the JIT compilers' work (which a platform long warm no longer does); the load generator
     * ({@code loadGeneratorNanos} of its own JVM, and its PostgreSQL backends) and the channels' stand-ins are shown
     * apart and left out of the total.
     */
    public static void print(PrintStream out, Sample before, Sample after, long contacts, long loadGeneratorNanos) {
        Map<String, Long> nanos = cpuNanos(before, after);
        Long standIns = nanos.remove(CHANNEL_STAND_INS);
        long loadGeneratorQueries = Objects.requireNonNullElse(nanos.remove(LOAD_GENERATOR_POSTGRES), 0L);
        double seconds = (after.nanoTime() - before.nanoTime()) / 1e9;
        out.printf(Locale.ROOT, "%nCPU from /proc over %.1f s%s (load average %s -> %s):%n", seconds,
                contacts > 0 ? String.format(Locale.ROOT, ", %,d contacts", contacts) : "", before.loadAverage(), after.loadAverage());
        out.printf(Locale.ROOT, "  %-36s %9s %13s %s%n", "process", "CPU s", "% of a core", contacts > 0 ? "  per contact" : "");
        long total = platformNanos(before, after);
        Map<String, Long> compilers = compilerNanos(before, after);
        long totalCompilers = platformCompilerNanos(before, after);
        nanos.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).forEach(process -> row(out,
                process.getKey(), process.getValue(), seconds, contacts, jitShare(compilers.get(process.getKey()), process.getValue())));
        row(out, "platform total", total, seconds, contacts, jitShare(totalCompilers, total));
        row(out, "  without the JIT compilers' threads", total - totalCompilers, seconds, contacts, "");
        if (loadGeneratorNanos >= 0) {
            row(out, "load generator (apart)", loadGeneratorNanos + loadGeneratorQueries, seconds, contacts, "");
            row(out, "  of which its queries in PostgreSQL", loadGeneratorQueries, seconds, contacts, "");
        }
        if (standIns != null) {
            row(out, "WhatsApp, Meta, SMTP stand-ins (apart)", standIns, seconds, contacts, "");
        }
        out.printf(Locale.ROOT, "  by stage:%n");
        Map<String, Long> stages = new TreeMap<>();
        nanos.forEach((process, processNanos) -> stages.merge(stage(process), processNanos, Long::sum));
        stages.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .forEach(stage -> row(out, "  " + stage.getKey(), stage.getValue(), seconds, contacts, ""));
    }

    /** "JIT n %": the share of a JVM's CPU its JIT compiler threads used; nothing for a process that is no JVM. */
    private static String jitShare(Long compilerNanos, long nanos) {
        return compilerNanos == null || nanos <= 0 ? "" : String.format(Locale.ROOT, "   JIT %2.0f %%", 100.0 * compilerNanos / nanos);
    }

    /** The platform's CPU between two samples, all its processes together: the load generator's and the stand-ins' left out. */
    public static long platformNanos(Sample before, Sample after) {
        Map<String, Long> nanos = cpuNanos(before, after);
        nanos.keySet().removeAll(Set.of(CHANNEL_STAND_INS, LOAD_GENERATOR_POSTGRES));
        return nanos.values().stream().mapToLong(Long::longValue).sum();
    }

    /** The CPU of the platform's JIT compiler threads between two samples, all its JVMs together. */
    public static long platformCompilerNanos(Sample before, Sample after) {
        Map<String, Long> nanos = compilerNanos(before, after);
        nanos.remove(CHANNEL_STAND_INS);
        return nanos.values().stream().mapToLong(Long::longValue).sum();
    }

    /** The stage of the pipeline a process of the table works for. */
    static String stage(String process) {
        if (process.endsWith("-adapter")) {
            return "adapters";
        }
        if (process.startsWith("postgres")) {
            return "PostgreSQL";
        }
        return switch (process.replaceFirst("-\\d+$", "")) {
            case "routing-service" -> "routing";
            case "case-service" -> "cases";
            case "analytics-service" -> "analytics";
            case "kafka" -> "Kafka";
            default -> "other (identity provider, console)";
        };
    }

    private static void row(PrintStream out, String name, long nanos, double seconds, long contacts, String jit) {
        out.printf(Locale.ROOT, "  %-36s %9.2f %12.1f %%%s%s%n", name, nanos / 1e9, nanos / 1e7 / seconds,
                contacts > 0 ? String.format(Locale.ROOT, " %,10.0f µs", nanos / 1e3 / contacts) : "", jit);
    }

    /** This JVM's own CPU time. */
    public static long ownCpuNanos() {
        return ProcessCpu.of(ProcessHandle.current().pid()).map(Stat::ticks).orElse(0L) * ProcessCpu.NANOS_PER_TICK;
    }

    /** Which PostgreSQL group a process belongs to, or null when it is none of the platform's. */
    String postgresGroup(String cmdline) {
        // a connection reads "postgres: [cluster: ]user database host(port) state"; the server's own processes are
        // the postmaster (".../bin/postgres -D ...") and "postgres: [cluster: ]walwriter" and the like
        List<String> words = List.of(cmdline.replaceFirst("^postgres: (\\S+/\\S+: )?", "").split(" "));
        if (words.size() >= 3 && words.get(2).contains("(")) {
            return databases.contains(words.get(1)) ? POSTGRES_CONNECTIONS : null;
        }
        return words.contains("worker") ? null : POSTGRES_SERVER;
    }

    private static String read(Path file) {
        try {
            return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}
