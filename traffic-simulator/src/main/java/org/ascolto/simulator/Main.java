package org.ascolto.simulator;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;

import org.ascolto.simulator.bench.Benchmark;
import org.ascolto.simulator.bench.PlatformCpu;
import org.ascolto.simulator.channels.AdapterEndpoints;
import org.ascolto.simulator.channels.AdapterRequests;
import org.ascolto.simulator.faults.FaultLoad;
import org.ascolto.simulator.fuzz.CaseApiToken;
import org.ascolto.simulator.fuzz.Fuzz;
import org.ascolto.simulator.run.Driver;
import org.ascolto.simulator.run.Progress;
import org.ascolto.simulator.run.Tally;
import org.ascolto.simulator.traffic.Channel;
import org.ascolto.simulator.traffic.Messages;
import org.ascolto.simulator.traffic.Schedule;
import org.ascolto.simulator.traffic.SteadyRate;
import org.ascolto.simulator.traffic.Storm;
import org.ascolto.simulator.traffic.Traffic;
import org.ascolto.simulator.traffic.YearReplay;

/** {@code ./ascolto simulate ...}, {@code ./ascolto bench N}, {@code ./ascolto fuzz [N]} and {@code ./ascolto faults}: realistic traffic, the end-to-end benchmark, hostile input, load under faults. */
public final class Main {

    private static final String USAGE = """
            usage:
              simulate [--rate 50/s] [--duration 60s | --count N]     steady traffic with Milan's channel mix
              simulate --storm [--rate 50/s] [--duration 120s]         normal, then 4x for the middle half, then normal
              simulate --replay-year --speed N [--duration D]          a year of Milan's volume and daily curve, N times faster
              bench N [--rate R/s] [--warmup 5000] [--concurrency 64] [--no-reference]
                                                                       N contacts end to end after a warm-up (rounds of 5000 until
                                                                       the platform's CPU per contact is steady): as fast as accepted
                                                                       (sustained rate) or at R/s (latency); loss, duplicates
              fuzz [N] [--settle 180s] [--concurrency 16]             N hostile requests per adapter (10000), noise on every topic;
                                                                       5xx answers, stopped consumers, valid contacts without a case
              faults --until FILE [--rate 20/s] [--patience 120s]      contacts through the adapters until FILE exists (the faults
                                                                       are done), retried while refused; lost and duplicated
                                                                       contacts, duplicated case events
              idle [seconds]                                           CPU of each process of the platform, untouched, in % of a core (60 s)
            fuzz:   --cases http://127.0.0.1:8086  --ready 9081,9082,...
                    --open311 http://127.0.0.1:8088  --integrator ivo.integrator --integrator-password demo-ivo
            fuzz, bench: --token-url URL --user U --password P   (the case API's reader: the local realm's supervisor)
            common: --host 127.0.0.1  --concurrency 256  --corpus routing-service/src/main/resources/corpus/train.jsonl  --seed S
            bench, faults: --jdbc jdbc:postgresql://127.0.0.1:5432/ascolto  --db-user postgres  --kafka 127.0.0.1:9092
            bench, idle: --pids .local/pids  --databases ascolto   (the local run's pid files; the platform's databases)
            secrets: ASCOLTO_WHATSAPP_APP_SECRET, ASCOLTO_META_APP_SECRET, ASCOLTO_PHONE_SIGNING_SECRET (local defaults otherwise)
            """;
    private static final Set<String> FLAGS = Set.of("--storm", "--replay-year", "--no-reference");

    private Main() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0 || !Set.of("simulate", "bench", "fuzz", "faults", "idle").contains(args[0])) {
            System.err.print(USAGE);
            System.exit(2);
        }
        try {
            System.exit(run(args[0], new Arguments(Arrays.copyOfRange(args, 1, args.length), FLAGS)));
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.print(USAGE);
            System.exit(2);
        }
    }

    private static int run(String command, Arguments arguments) throws Exception {
        if (command.equals("idle")) {
            return idle(arguments);
        }
        String runId = Long.toString(System.currentTimeMillis(), 36);
        Random random = new Random(arguments.count("--seed", System.nanoTime()));
        Messages messages = Messages.load(Path.of(arguments.text("--corpus", "routing-service/src/main/resources/corpus/train.jsonl")));
        AdapterEndpoints endpoints = AdapterEndpoints.fromEnvironment(arguments.text("--host", "127.0.0.1"));
        // readiness checks and case lookups; the traffic itself goes over the Driver's kept-alive connections
        HttpClient http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
        AdapterRequests requests = new AdapterRequests(endpoints, runId);
        return switch (command) {
            case "simulate" -> simulate(arguments, http, new Traffic(messages, random, runId, Traffic.RETURNING), requests, endpoints);
            case "fuzz" -> new Fuzz(fuzzSettings(arguments)).run(new Traffic(messages, random, runId, 0), requests, random);
            case "faults" -> new FaultLoad(faultSettings(arguments)).run(new Traffic(messages, random, runId, 0), requests,
                    runningChannels(http, endpoints));
            default -> new Benchmark(benchSettings(arguments)).run(http, new Traffic(messages, random, runId, 0), requests, endpoints);
        };
    }

    private static int simulate(Arguments arguments, HttpClient http, Traffic traffic, AdapterRequests requests,
            AdapterEndpoints endpoints) throws InterruptedException {
        double rate = arguments.rate("--rate", 50);
        Schedule schedule;
        if (arguments.flag("--replay-year")) {
            YearReplay year = new YearReplay(arguments.rate("--speed", 10_000));
            Duration cap = arguments.duration("--duration", year.length());
            schedule = cap.compareTo(year.length()) < 0 ? year.stoppingAfter(cap) : year;
        } else if (arguments.flag("--storm")) {
            schedule = new Storm(rate, arguments.duration("--duration", Duration.ofSeconds(120)));
        } else {
            long count = arguments.count("--count", 0);
            schedule = new SteadyRate(rate, count > 0 ? Duration.ofNanos((long) (count / rate * 1e9)).plusSeconds(1)
                    : arguments.duration("--duration", Duration.ofSeconds(60)));
        }
        long limit = arguments.count("--count", Long.MAX_VALUE);
        Set<Channel> running = runningChannels(http, endpoints);
        Set<Channel> skipped = EnumSet.complementOf(EnumSet.copyOf(running.isEmpty() ? Set.of(Channel.WEB) : running));
        if (running.isEmpty()) {
            System.err.println("No adapter answers on " + endpoints.host() + " (start the platform: ./ascolto run --detach)");
            return 1;
        }
        System.out.printf(Locale.ROOT, "Simulating %s for %s on %s; channels %s%s%n", schedule.describe(Duration.ZERO),
                human(schedule.length()), endpoints.host(), running, skipped.isEmpty() ? "" : ", skipped (not running) " + skipped);
        Driver driver = new Driver(traffic, requests, running, (int) arguments.count("--concurrency", 256), true);
        long start = System.nanoTime();
        Tally tally;
        try (Progress progress = new Progress(schedule, limit, driver.tally(), System.err)) {
            tally = driver.run(schedule, limit);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(Locale.ROOT, "%nSent %,d contacts in %.1f s (%,.0f/s): %,d accepted, %,d refused, %,d redelivered and accepted again.%n",
                tally.sent(), seconds, tally.sent() / seconds, tally.accepted(), tally.refused(), tally.redelivered());
        tally.print(System.out, skipped);
        System.out.printf(Locale.ROOT, "The platform should hold %,d distinct contacts from this run: redeliveries collapse into the contact they repeat.%n",
                tally.accepted());
        return tally.refused() == 0 ? 0 : 1;
    }

    /** The platform's CPU while nothing is sent to it: timers, polls, commits, metrics, compilers still at work. */
    private static int idle(Arguments arguments) throws InterruptedException {
        Duration window = Duration.ofSeconds(arguments.positional().isEmpty() ? 60 : Long.parseLong(arguments.positional().get(0)));
        PlatformCpu cpu = new PlatformCpu(pidFiles(arguments), databases(arguments), Set.of());
        PlatformCpu.Sample before = cpu.sample();
        Thread.sleep(window.toMillis());
        PlatformCpu.print(System.out, before, cpu.sample(), 0, -1);
        return 0;
    }

    private static Path pidFiles(Arguments arguments) {
        return Path.of(arguments.text("--pids", ".local/pids"));
    }

    private static Set<String> databases(Arguments arguments) {
        return Set.of(arguments.text("--databases", "ascolto").split(","));
    }

    private static Fuzz.Settings fuzzSettings(Arguments arguments) {
        long perAdapter = arguments.positional().isEmpty() ? 10_000 : Long.parseLong(arguments.positional().get(0).replace("_", ""));
        String ready = arguments.text("--ready", "");
        return new Fuzz.Settings(perAdapter, (int) arguments.count("--concurrency", 16), arguments.text("--kafka", "127.0.0.1:9092"),
                ready.isBlank() ? List.of() : Arrays.stream(ready.split(",")).map(String::trim).map(Integer::valueOf).toList(),
                URI.create(arguments.text("--cases", "http://127.0.0.1:8086")),
                caseApiToken(arguments, "--user", "sara.supervisor", "--password", "demo-sara"),
                arguments.duration("--settle", Duration.ofSeconds(180)), URI.create(arguments.text("--open311", "http://127.0.0.1:8088")),
                caseApiToken(arguments, "--integrator", "ivo.integrator", "--integrator-password", "demo-ivo"));
    }

    /** A demo user's token from the identity provider: the supervisor's reads the case API, the integrator's registers Open311 keys. */
    private static CaseApiToken caseApiToken(Arguments arguments, String userFlag, String user, String passwordFlag, String password) {
        return new CaseApiToken(URI.create(arguments.text("--token-url", "http://localhost:8180/realms/ascolto/protocol/openid-connect/token")),
                arguments.text(userFlag, user), arguments.text(passwordFlag, password));
    }

    private static FaultLoad.Settings faultSettings(Arguments arguments) {
        return new FaultLoad.Settings(arguments.rate("--rate", 20), Path.of(arguments.text("--until", ".local/faults.done")),
                (int) arguments.count("--concurrency", 64), arguments.text("--jdbc", "jdbc:postgresql://127.0.0.1:5432/ascolto"),
                arguments.text("--db-user", "postgres"), arguments.text("--db-password", ""), arguments.text("--kafka", "127.0.0.1:9092"),
                arguments.duration("--patience", Duration.ofSeconds(120)));
    }

    private static Benchmark.Settings benchSettings(Arguments arguments) {
        if (arguments.positional().size() != 1) {
            throw new IllegalArgumentException("bench needs the number of contacts: bench 20000");
        }
        return new Benchmark.Settings(
                Long.parseLong(arguments.positional().get(0).replace("_", "")),
                arguments.rate("--rate", 0),
                arguments.count("--warmup", 5_000),
                (int) arguments.count("--concurrency", 64),
                arguments.text("--jdbc", "jdbc:postgresql://127.0.0.1:5432/ascolto"),
                arguments.text("--db-user", "postgres"),
                arguments.text("--db-password", ""),
                arguments.text("--kafka", "127.0.0.1:9092"),
                !arguments.flag("--no-reference"),
                pidFiles(arguments),
                databases(arguments),
                caseApiToken(arguments, "--user", "sara.supervisor", "--password", "demo-sara"));
    }

    /** Channels whose adapter answers its readiness check; the others are skipped and reported. */
    public static Set<Channel> runningChannels(HttpClient http, AdapterEndpoints endpoints) {
        Set<Channel> running = EnumSet.noneOf(Channel.class);
        for (Channel channel : Channel.values()) {
            try {
                HttpResponse<Void> ready = http.send(HttpRequest.newBuilder(endpoints.readiness(channel))
                        .timeout(Duration.ofSeconds(3)).GET().build(), HttpResponse.BodyHandlers.discarding());
                if (ready.statusCode() == 200) {
                    running.add(channel);
                }
            } catch (java.io.IOException e) {
                // not running: skipped
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return running;
            }
        }
        return running;
    }

    private static String human(Duration duration) {
        return duration.toHours() > 0 ? String.format("%dh%02dm", duration.toHours(), duration.toMinutesPart())
                : String.format("%dm%02ds", duration.toMinutes(), duration.toSecondsPart());
    }
}
