package org.ascolto.simulator.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
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
        PlatformCpu.Sample empty = new PlatformCpu.Sample(before.nanoTime(), Map.of(), "0");
        assertEquals(after.ticksByProcess().get("this-jvm").values().iterator().next() * 10_000_000,
                PlatformCpu.cpuNanos(empty, after).get("this-jvm"));
    }
}
