package org.ascolto.simulator.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlatformCpuTest {

    private final PlatformCpu cpu = new PlatformCpu(Path.of("/nonexistent"), Set.of("ascolto", "open311"), Set.of());

    @Test
    void countsThePlatformsDatabaseConnectionsAndTheServersOwnProcessesOnly() {
        assertEquals("postgres (platform's connections)", cpu.postgresGroup("postgres: 15/main: postgres ascolto 127.0.0.1(41236) idle"));
        assertEquals("postgres (platform's connections)", cpu.postgresGroup("postgres: ascolto open311 127.0.0.1(5) COMMIT"));
        assertNull(cpu.postgresGroup("postgres: 15/main: postgres test_ab12 127.0.0.1(41236) idle"));
        assertNull(cpu.postgresGroup("postgres: 15/main: parallel worker for PID 4242"));
        assertEquals("postgres (server's own processes)", cpu.postgresGroup("postgres: 15/main: walwriter"));
        assertEquals("postgres (server's own processes)",
                cpu.postgresGroup("/usr/lib/postgresql/15/bin/postgres -D /var/lib/postgresql/15/main -c config_file=x"));
    }

    @Test
    void namesTheStageEachProcessWorksFor() {
        assertEquals("adapters", PlatformCpu.stage("whatsapp-adapter"));
        assertEquals("routing", PlatformCpu.stage("routing-service"));
        assertEquals("cases", PlatformCpu.stage("case-service"));
        assertEquals("analytics", PlatformCpu.stage("analytics-service"));
        assertEquals("analytics", PlatformCpu.stage("analytics-service-2"));
        assertEquals("PostgreSQL", PlatformCpu.stage("postgres (platform's connections)"));
        assertEquals("PostgreSQL", PlatformCpu.stage("postgres (server's own processes)"));
        assertEquals("Kafka", PlatformCpu.stage("kafka"));
        assertEquals("other (identity provider, console)", PlatformCpu.stage("keycloak"));
        assertEquals("other (identity provider, console)", PlatformCpu.stage("operator-console"));
    }

    @Test
    void readsTheCpuOfAStartedProcessFromProcAndCountsAProcessBornInBetweenFromZero(@TempDir Path pids) throws Exception {
        Files.writeString(pids.resolve("this-jvm.pid"), ProcessHandle.current().pid() + "\n");
        PlatformCpu own = new PlatformCpu(pids, Set.of(), Set.of());
        PlatformCpu.Sample before = own.sample();
        // 200 ms of this thread's CPU, however long a loaded machine takes to give it
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long until = threads.getCurrentThreadCpuTime() + 200_000_000;
        long sum = 0;
        while (threads.getCurrentThreadCpuTime() < until) {
            sum += Long.numberOfTrailingZeros(sum + System.nanoTime());
        }
        PlatformCpu.Sample after = own.sample();

        long nanos = PlatformCpu.cpuNanos(before, after).get("this-jvm");
        long most = (after.nanoTime() - before.nanoTime()) * Runtime.getRuntime().availableProcessors() + 20_000_000;
        assertTrue(nanos >= 180_000_000 && nanos <= most, "200 ms of spinning read as " + nanos + " ns (" + sum + ")");
        PlatformCpu.Sample empty = new PlatformCpu.Sample(before.nanoTime(), Map.of(), Map.of(), "0");
        assertEquals(after.ticksByProcess().get("this-jvm").values().iterator().next() * 10_000_000,
                PlatformCpu.cpuNanos(empty, after).get("this-jvm"));
    }

    @Test
    void countsTheLoadGeneratorsOwnDatabaseBackendsAsItsWorkNotThePlatforms() {
        long backend = ProcessHandle.current().pid(); // any live process stands in for the load generator's backend
        PlatformCpu.Sample sampled = new PlatformCpu(Path.of("/nonexistent"), Set.of(), Set.of(backend)).sample();
        assertEquals(Set.of(backend), sampled.ticksByProcess().get(PlatformCpu.LOAD_GENERATOR_POSTGRES).keySet());

        PlatformCpu.Sample before = new PlatformCpu.Sample(0, Map.of("kafka", Map.of(1L, 0L), PlatformCpu.LOAD_GENERATOR_POSTGRES, Map.of(2L, 0L)), Map.of(), "0");
        PlatformCpu.Sample after = new PlatformCpu.Sample(10_000_000_000L,
                Map.of("kafka", Map.of(1L, 30L), PlatformCpu.LOAD_GENERATOR_POSTGRES, Map.of(2L, 20L)), Map.of(), "0");
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PlatformCpu.print(new PrintStream(printed, true, StandardCharsets.UTF_8), before, after, 1_000, 500_000_000);

        List<String> lines = printed.toString(StandardCharsets.UTF_8).lines().toList();
        assertTrue(lines.stream().anyMatch(line -> line.matches("\\s*platform total\\s+0\\.30\\s+3\\.0 %\\s+300 µs\\s+JIT\\s+0 %")), lines.toString());
        assertTrue(lines.stream().anyMatch(line -> line.matches("\\s*load generator \\(apart\\)\\s+0\\.70\\s+7\\.0 %\\s+700 µs")), lines.toString());
        assertTrue(lines.stream().anyMatch(line -> line.matches("\\s*of which its queries in PostgreSQL\\s+0\\.20\\s+2\\.0 %\\s+200 µs")),
                lines.toString());
        assertTrue(lines.stream().noneMatch(line -> line.trim().startsWith("PostgreSQL")), "no PostgreSQL stage of the platform: " + lines);
    }

    @Test
    void tellsTheJitCompilersWorkApartInEachJvmAndInTheTotal(@TempDir Path pids) throws Exception {
        Process sleeper = new ProcessBuilder("sleep", "30").start();
        try {
            Files.writeString(pids.resolve("this-jvm.pid"), ProcessHandle.current().pid() + "\n");
            Files.writeString(pids.resolve("no-jvm.pid"), sleeper.pid() + "\n");
            PlatformCpu.Sample sampled = new PlatformCpu(pids, Set.of(), Set.of()).sample();
            long compiled = sampled.compilerTicksByProcess().get("this-jvm").get(ProcessHandle.current().pid());
            // starting JUnit alone compiles thousands of methods: far more than a tick of the compiler threads
            assertTrue(compiled > 0 && compiled <= sampled.ticksByProcess().get("this-jvm").get(ProcessHandle.current().pid()),
                    "compiler ticks " + compiled + " of " + sampled.ticksByProcess().get("this-jvm"));
            assertEquals(Map.of(sleeper.pid(), 0L), sampled.compilerTicksByProcess().get("no-jvm"));
        } finally {
            sleeper.destroy();
        }

        PlatformCpu.Sample before = new PlatformCpu.Sample(0, Map.of("kafka", Map.of(1L, 0L), "case-service", Map.of(2L, 0L)),
                Map.of("kafka", Map.of(1L, 0L), "case-service", Map.of(2L, 0L)), "0");
        PlatformCpu.Sample after = new PlatformCpu.Sample(10_000_000_000L, Map.of("kafka", Map.of(1L, 30L), "case-service", Map.of(2L, 70L)),
                Map.of("kafka", Map.of(1L, 6L), "case-service", Map.of(2L, 14L)), "0");
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PlatformCpu.print(new PrintStream(printed, true, StandardCharsets.UTF_8), before, after, 1_000, -1);

        List<String> lines = printed.toString(StandardCharsets.UTF_8).lines().toList();
        assertTrue(lines.stream().anyMatch(line -> line.matches("\\s*case-service\\s+0\\.70\\s+7\\.0 %\\s+700 µs\\s+JIT 20 %")), lines.toString());
        assertTrue(lines.stream().anyMatch(line -> line.matches("\\s*platform total\\s+1\\.00\\s+10\\.0 %\\s+1,000 µs\\s+JIT 20 %")), lines.toString());
        assertTrue(lines.stream().anyMatch(line -> line.matches("\\s*without the JIT compilers' threads\\s+0\\.80\\s+8\\.0 %\\s+800 µs")),
                lines.toString());
    }

    @Test
    void showsTheChannelsStandInsApartFromThePlatformsTotal() {
        PlatformCpu.Sample before = new PlatformCpu.Sample(0, Map.of("kafka", Map.of(1L, 0L), PlatformCpu.CHANNEL_STAND_INS, Map.of(2L, 0L)), Map.of(), "0");
        PlatformCpu.Sample after = new PlatformCpu.Sample(10_000_000_000L,
                Map.of("kafka", Map.of(1L, 30L), PlatformCpu.CHANNEL_STAND_INS, Map.of(2L, 70L)), Map.of(), "0");
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PlatformCpu.print(new PrintStream(printed, true, StandardCharsets.UTF_8), before, after, 1_000, -1);

        List<String> lines = printed.toString(StandardCharsets.UTF_8).lines().toList();
        assertTrue(lines.stream().anyMatch(line -> line.matches("\\s*platform total\\s+0\\.30\\s+3\\.0 %\\s+300 µs\\s+JIT\\s+0 %")), lines.toString());
        assertTrue(lines.stream().anyMatch(line -> line.matches("\\s*WhatsApp, Meta, SMTP stand-ins \\(apart\\)\\s+0\\.70\\s+7\\.0 %\\s+700 µs")),
                lines.toString());
        assertTrue(lines.stream().noneMatch(line -> line.contains(PlatformCpu.CHANNEL_STAND_INS)), lines.toString());
    }
}
