package org.ascolto.simulator.bench;

import java.io.PrintStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.SQLException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

import org.ascolto.simulator.Main;
import org.ascolto.simulator.channels.AdapterEndpoints;
import org.ascolto.simulator.channels.AdapterRequests;
import org.ascolto.simulator.fuzz.CaseApiToken;
import org.ascolto.simulator.run.Driver;
import org.ascolto.simulator.run.Latencies;
import org.ascolto.simulator.run.Progress;
import org.ascolto.simulator.run.Tally;
import org.ascolto.simulator.traffic.Channel;
import org.ascolto.simulator.traffic.SteadyRate;
import org.ascolto.simulator.traffic.Traffic;

/**
 * {@code ./ascolto bench N}: N contacts with Milan's channel mix over the adapters that are running, each from a
 * new citizen, through the running platform.
 * Measures accepted contacts/s, the latency from the adapter's 2xx to the contact being in a case
 * (polling the case database), lost contacts and duplicate cases, and in the same run the machine's
 * own reference rates: Kafka's ProducerPerformance and batched PostgreSQL inserts; and the CPU time of each process
 * of the platform over the measured window, per contact.
 */
public final class Benchmark {

    /** What to run: {@code rate} 0 sends as fast as the platform accepts with {@code concurrency} requests open. */
    public record Settings(long contacts, double rate, long warmup, int concurrency, String jdbcUrl, String dbUser,
            String dbPassword, String kafka, boolean reference, Path pidFiles, Set<String> databases, CaseApiToken caseApi) {
    }

    private static final Duration POLL = Duration.ofMillis(25);
    /** Contacts looked up per poll, oldest first, so that polling does not load the database the case service writes to. */
    private static final int POLL_BATCH = 2_000;
    private static final Duration POLL_PAUSE_PER_PENDING = Duration.ofNanos(25_000);
    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final int API_SAMPLE = 100;
    /**
     * A warm-up round whose platform CPU per contact, the JIT compilers' threads left out, is within this fraction of
     * the round before's ends the warm-up.
     */
    private static final double STEADY = 0.10;
    private static final int MAX_WARM_UP_ROUNDS = 12;

    private final Settings settings;
    private final PrintStream out = System.out;
    private final Map<UUID, Long> acceptedAt = new ConcurrentHashMap<>();
    private final Map<UUID, Long> persistedAt = new ConcurrentHashMap<>();
    private final Queue<UUID> acceptedInOrder = new ConcurrentLinkedQueue<>();
    private volatile boolean sending = true;
    private volatile SQLException watchFailed;

    public Benchmark(Settings settings) {
        this.settings = settings;
    }

    public int run(HttpClient http, Traffic traffic, AdapterRequests requests, AdapterEndpoints endpoints) throws Exception {
        Set<Channel> running = Main.runningChannels(http, endpoints);
        if (running.isEmpty()) {
            out.println("No adapter is ready on " + endpoints.host() + " (./ascolto run --detach)");
            return 1;
        }
        SteadyRate schedule = new SteadyRate(settings.rate() > 0 ? settings.rate() : Double.POSITIVE_INFINITY, Duration.ofDays(1));
        try (CaseStore store = new CaseStore(settings.jdbcUrl(), settings.dbUser(), settings.dbPassword());
                RoutedWatcher routed = new RoutedWatcher(settings.kafka())) {
            PlatformCpu cpu = new PlatformCpu(settings.pidFiles(), settings.databases(), Set.of(store.backendPid()));
            if (settings.warmup() > 0) {
                warmUp(store, cpu, traffic, requests, running);
            }
            // after the warm-up, so that the broker measured is as warm as the one the platform uses
            double producerRate = Double.NaN;
            double insertRate = Double.NaN;
            if (settings.reference()) {
                out.println("\nReference rates on this machine, same run:");
                producerRate = ReferenceRates.kafkaProducerPerSecond(settings.kafka(), 100_000, 6);
                out.printf(Locale.ROOT, "  Kafka ProducerPerformance, 1 KB records, acks=all:  %,10.0f records/s%n", producerRate);
                insertRate = ReferenceRates.postgresInsertsPerSecond(settings.jdbcUrl(), settings.dbUser(), settings.dbPassword(), 50_000);
                out.printf(Locale.ROOT, "  PostgreSQL INSERT, 11 columns with JSONB, batches of %d: %,10.0f rows/s%n", ReferenceRates.BATCH, insertRate);
            }
            out.printf(Locale.ROOT, "%n%s: %,d contacts (%s, at most %d open), each from a new citizen, Milan's mix over %s;"
                    + " 3%% of webhooks and records redelivered, 1%% of forms double-submitted%n",
                    settings.rate() > 0 ? "Latency test at a fixed rate" : "Sustained rate test", settings.contacts(),
                    settings.rate() > 0 ? String.format(Locale.ROOT, "%,.0f/s", settings.rate()) : "as fast as accepted",
                    settings.concurrency(), running);
            out.flush();
            Driver driver = new Driver(traffic, requests, running, settings.concurrency(), true)
                    .onAccepted((delivery, at) -> delivery.contactIds().forEach(id -> {
                        acceptedAt.put(id, at);
                        acceptedInOrder.add(id);
                    }));
            Thread watcher = new Thread(() -> watch(store), "case-watcher");
            watcher.setDaemon(true);
            watcher.start();
            PlatformCpu.Sample cpuBefore = cpu.sample();
            long ownCpuBefore = PlatformCpu.ownCpuNanos();
            long start = System.nanoTime();
            Tally tally;
            try (Progress progress = new Progress(schedule, settings.contacts(), driver.tally(), System.err)) {
                tally = driver.run(schedule, settings.contacts());
            }
            long sent = System.nanoTime();
            sending = false;
            watcher.join();
            PlatformCpu.Sample cpuAfter = cpu.sample();
            long ownCpu = PlatformCpu.ownCpuNanos() - ownCpuBefore;
            if (watchFailed != null) {
                throw watchFailed;
            }
            routed.close();
            long duplicates = store.duplicateCases(acceptedAt.keySet());
            int outcome = report(tally, start, sent, duplicates, routed, http, endpoints, producerRate, insertRate);
            PlatformCpu.print(out, cpuBefore, cpuAfter, persistedAt.size(), ownCpu);
            return outcome;
        }
    }

    /**
     * Rounds of contacts sent as fast as accepted and waited for until they are in cases, not measured, until a round
     * costs the platform as much CPU per contact as the round before (within {@link #STEADY}), the JIT compilers'
     * threads left out: the code the contacts run is then compiled, and the compilers' remaining work (on a platform
     * just started, for many minutes more) is shown apart in the measurement's table. Each round is printed; a
     * platform still not steady after {@link #MAX_WARM_UP_ROUNDS} is measured anyway, and said to be.
     */
    private void warmUp(CaseStore store, PlatformCpu cpu, Traffic traffic, AdapterRequests requests, Set<Channel> running) throws Exception {
        out.printf(Locale.ROOT, "Warming up: rounds of %,d contacts as fast as accepted, until they are in cases and the platform's"
                + " CPU per contact is steady (not measured)%n", settings.warmup());
        double previous = Double.NaN;
        for (int round = 1; round <= MAX_WARM_UP_ROUNDS; round++) {
            PlatformCpu.Sample before = cpu.sample();
            long persisted = warmUpRound(store, traffic, requests, running);
            PlatformCpu.Sample after = cpu.sample();
            long platform = PlatformCpu.platformNanos(before, after);
            long compilers = PlatformCpu.platformCompilerNanos(before, after);
            double microsPerContact = (platform - compilers) / 1e3 / Math.max(1, persisted);
            out.printf(Locale.ROOT, "  round %2d: %,7.0f µs of platform CPU per contact, and %,7.0f µs of its JIT compilers' (%.0f %%)%n",
                    round, microsPerContact, compilers / 1e3 / Math.max(1, persisted), 100.0 * compilers / Math.max(1, platform));
            out.flush();
            if (Math.abs(microsPerContact - previous) <= STEADY * previous) {
                return;
            }
            previous = microsPerContact;
        }
        out.printf(Locale.ROOT, "  not steady after %d rounds: the CPU figures below still include the JIT compilers' work%n", MAX_WARM_UP_ROUNDS);
    }

    /** One round of the warm-up; answers how many of its contacts reached a case. */
    private long warmUpRound(CaseStore store, Traffic traffic, AdapterRequests requests, Set<Channel> running) throws Exception {
        Set<UUID> accepted = ConcurrentHashMap.newKeySet();
        Driver driver = new Driver(traffic, requests, running, settings.concurrency(), false)
                .onAccepted((delivery, at) -> accepted.addAll(delivery.contactIds()));
        driver.run(new SteadyRate(Double.POSITIVE_INFINITY, Duration.ofDays(1)), settings.warmup());
        Set<UUID> pending = new HashSet<>(accepted);
        long lastProgress = System.nanoTime();
        while (!pending.isEmpty() && System.nanoTime() - lastProgress < PATIENCE.toNanos()) {
            Set<UUID> found = store.persisted(pending.stream().limit(POLL_BATCH).toList());
            if (!found.isEmpty()) {
                pending.removeAll(found);
                lastProgress = System.nanoTime();
            }
            TimeUnit.MILLISECONDS.sleep(200);
        }
        return accepted.size() - pending.size();
    }

    /** Marks each accepted contact when the case database first shows it. */
    private void watch(CaseStore store) {
        long lastProgress = System.nanoTime();
        Set<UUID> pending = new LinkedHashSet<>();
        while (sending || (persistedAt.size() < acceptedAt.size()
                && System.nanoTime() - lastProgress < PATIENCE.toNanos())) {
            for (UUID accepted = acceptedInOrder.poll(); accepted != null; accepted = acceptedInOrder.poll()) {
                pending.add(accepted);
            }
            try {
                long before = persistedAt.size();
                if (!pending.isEmpty()) {
                    long seenAt = System.nanoTime();
                    Set<UUID> found = store.persisted(pending.stream().limit(POLL_BATCH).toList());
                    found.forEach(id -> persistedAt.putIfAbsent(id, seenAt));
                    pending.removeAll(found);
                }
                if (persistedAt.size() > before) {
                    lastProgress = System.nanoTime();
                }
                // a backlog is polled less often: each poll then costs the database more, and the latencies are long anyway
                TimeUnit.NANOSECONDS.sleep(Math.max(POLL.toNanos(), pending.size() * POLL_PAUSE_PER_PENDING.toNanos()));
            } catch (SQLException e) {
                watchFailed = e;
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private int report(Tally tally, long start, long sent, long duplicates, RoutedWatcher routed, HttpClient http,
            AdapterEndpoints endpoints, double producerRate, double insertRate) throws Exception {
        Latencies endToEnd = new Latencies();
        Latencies routing = new Latencies();
        Latencies persisting = new Latencies();
        long lastPersisted = start;
        for (Map.Entry<UUID, Long> persisted : persistedAt.entrySet()) {
            long accepted = acceptedAt.get(persisted.getKey());
            endToEnd.record(Math.max(0, persisted.getValue() - accepted));
            Long routedAt = routed.routedAt(persisted.getKey());
            if (routedAt != null) {
                routing.record(Math.max(0, routedAt - accepted));
                persisting.record(Math.max(0, persisted.getValue() - routedAt));
            }
            lastPersisted = Math.max(lastPersisted, persisted.getValue());
        }
        long lost = acceptedAt.size() - persistedAt.size();
        long apiMissing = missingThroughApi(http, endpoints);
        double sendSeconds = (sent - start) / 1e9;
        double acceptedRate = acceptedAt.size() / sendSeconds;
        double endToEndRate = persistedAt.size() / ((lastPersisted - start) / 1e9);

        out.printf(Locale.ROOT, "%nEnd to end, %,d contacts (%,d refused, %,d redeliveries accepted again):%n",
                tally.sent(), tally.refused(), tally.redelivered());
        out.printf(Locale.ROOT, "  accepted by the adapters        %,10.0f contacts/s  (2xx latency p50 %.1f ms, p99 %.1f ms)%n",
                acceptedRate, tally.acceptedMillis(50), tally.acceptedMillis(99));
        out.printf(Locale.ROOT, "  persisted in cases              %,10.0f contacts/s  (first send to last case)%n", endToEndRate);
        out.printf(Locale.ROOT, "  2xx -> case queryable           p50 %.0f ms, p95 %.0f ms, p99 %.0f ms, max %.0f ms  (polled every %d ms, less often behind a backlog)%n",
                endToEnd.millis(50), endToEnd.millis(95), endToEnd.millis(99), endToEnd.millis(100), POLL.toMillis());
        out.printf(Locale.ROOT, "    of which 2xx -> routed        p50 %.0f ms, p99 %.0f ms  (adapter, Kafka, routing-service)%n",
                routing.millis(50), routing.millis(99));
        out.printf(Locale.ROOT, "    of which routed -> case       p50 %.0f ms, p99 %.0f ms  (case-service, PostgreSQL)%n",
                persisting.millis(50), persisting.millis(99));
        out.printf(Locale.ROOT, "  lost contacts                   %d%s%n", lost, lost == 0 ? "" : "  (accepted, not in a case after waiting " + PATIENCE.toSeconds() + " s)");
        out.printf(Locale.ROOT, "  duplicate cases                 %d%n", duplicates);
        out.printf(Locale.ROOT, "  case API check                  %d of %d sampled contacts not found through GET /api/v1/contacts/{id}%n",
                apiMissing, Math.min(API_SAMPLE, persistedAt.size()));
        if (settings.reference()) {
            out.printf(Locale.ROOT, "  ratios                          end to end / Kafka producer %.3f, end to end / PostgreSQL inserts %.3f%n",
                    endToEndRate / producerRate, endToEndRate / insertRate);
        }
        return lost == 0 && duplicates == 0 && apiMissing == 0 && tally.refused() == 0 ? 0 : 1;
    }

    /** Asks the case API, as an operator's lookup would (the supervisor's token), for a sample of the persisted contacts. */
    private long missingThroughApi(HttpClient http, AdapterEndpoints endpoints) throws Exception {
        List<UUID> sample = new ArrayList<>(persistedAt.keySet());
        Collections.shuffle(sample);
        long missing = 0;
        String bearer = "Bearer " + settings.caseApi().current(http);
        for (UUID id : sample.subList(0, Math.min(API_SAMPLE, sample.size()))) {
            HttpResponse<Void> found = http.send(HttpRequest.newBuilder(
                    java.net.URI.create("http://" + endpoints.host() + ":8086/api/v1/contacts/" + id))
                    .header("Authorization", bearer).GET().build(),
                    HttpResponse.BodyHandlers.discarding());
            if (found.statusCode() != 200) {
                missing++;
            }
        }
        return missing;
    }
}
