package org.ascolto.simulator.fuzz;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.LongFunction;

import org.ascolto.contracts.EventJson;
import org.ascolto.localinfra.HostileInput;
import org.ascolto.simulator.channels.AdapterRequests;
import org.ascolto.simulator.channels.Delivery;
import org.ascolto.simulator.traffic.Channel;
import org.ascolto.simulator.traffic.Traffic;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * {@code ./ascolto fuzz [N]}: N hostile requests to each adapter (the mail intake gets hostile messages), signed with the
 * channel's secret (Open311: with a civic app's api_key) so that they reach the parser, with one unchanged request in ten; random bytes, null values and hostile events to every topic. Then:
 * the 5xx answers, the consumers that stopped (not ready, or not past what was written), and whether every valid
 * contact among the requests became a case.
 */
public final class Fuzz {

    /** The adapters and the channel whose requests each receives (Meta's adapter gets Facebook and Instagram alike). */
    private static final List<Channel> ADAPTERS = List.of(Channel.WEB, Channel.WHATSAPP, Channel.FACEBOOK, Channel.PHONE, Channel.EMAIL);
    private static final int VALID_EVERY = 10;
    private static final int FIVE_XX_SHOWN = 5;

    /** {@code open311}: the Open311 adapter, fuzzed with the api_key that {@code integrator} registers for the run. */
    public record Settings(long perAdapter, int concurrency, String kafka, List<Integer> readinessPorts, URI cases,
            CaseApiToken token, Duration settle, URI open311, CaseApiToken integrator) {
    }

    private final Settings settings;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    public Fuzz(Settings settings) {
        this.settings = settings;
    }

    public int run(Traffic traffic, AdapterRequests requests, Random random) throws Exception {
        List<String> fiveXx = Collections.synchronizedList(new ArrayList<>());
        Set<UUID> valid = ConcurrentHashMap.newKeySet();
        long started = System.nanoTime();
        for (Channel adapter : ADAPTERS) {
            drive(adapter == Channel.FACEBOOK ? "meta" : adapter.id, i -> {
                boolean unchanged = i % VALID_EVERY == 0;
                Channel channel = adapter == Channel.FACEBOOK && random.nextBoolean() ? Channel.INSTAGRAM : adapter;
                Delivery base = requests.delivery(traffic.next(Map.of(channel, 1.0)), Instant.now());
                Delivery delivery = unchanged ? base
                        : requests.withBody(base, adapter == Channel.EMAIL ? HostileInput.mail(random) : hostileBody(base, random));
                return answers -> send(delivery, unchanged, answers, fiveXx, valid);
            });
        }
        Open311Requests open311 = Open311Requests.register(http, settings.open311(), settings.integrator());
        drive("open311", i -> {
            HttpRequest request = open311.request(i % VALID_EVERY == 0, random);
            // a hostile request the adapter took must become a case too
            return answers -> post("open311", request, answers, fiveXx).flatMap(Open311Requests::contactIdIn).ifPresent(valid::add);
        });
        TopicNoise.Sent noise = new TopicNoise(settings.kafka()).send(settings.perAdapter(), random);
        System.out.printf(Locale.ROOT, "topics: %,d records each to %s (null values, random bytes, hostile events)%n",
                noise.perTopic(), noise.endOffsets().keySet().stream().map(tp -> tp.topic()).distinct().sorted().toList());
        System.out.printf(Locale.ROOT, "sent in %.0f s; waiting up to %d s for the consumers and the cases%n",
                (System.nanoTime() - started) / 1e9, settings.settle().toSeconds());

        long deadline = System.nanoTime() + settings.settle().toNanos();
        List<String> behind = new ConsumerProgress(settings.kafka()).behindUntil(noise.endOffsets(), deadline);
        List<String> notReady = notReady();
        List<UUID> missing = new CaseLookup(http, settings.cases(), settings.token()).missingUntil(valid, deadline);

        long total5xx = fiveXx.size();
        System.out.println();
        System.out.printf(Locale.ROOT, "5xx answers: %d%n", total5xx);
        fiveXx.stream().limit(FIVE_XX_SHOWN).forEach(line -> System.out.println("  " + line));
        System.out.printf(Locale.ROOT, "consumers not past what was written: %d %s%n", behind.size(), behind);
        System.out.printf(Locale.ROOT, "services not ready: %d %s%n", notReady.size(), notReady);
        System.out.printf(Locale.ROOT, "valid contacts without a case: %d of %,d%s%n", missing.size(), valid.size(),
                missing.isEmpty() ? "" : " (first: " + missing.get(0) + ")");
        return total5xx == 0 && behind.isEmpty() && notReady.isEmpty() && missing.isEmpty() ? 0 : 1;
    }

    private static byte[] hostileBody(Delivery base, Random random) {
        try {
            JsonNode shape = EventJson.mapper().readTree(base.body());
            return HostileInput.body(shape, random);
        } catch (IOException e) {
            throw new IllegalStateException("the simulator's own request is JSON", e);
        }
    }

    /**
     * Sends {@code perAdapter} requests to one adapter, {@code concurrency} at a time, and prints how it answered;
     * {@code next} makes request {@code i} (on this thread, as the random source is not shared) and what sends it.
     */
    private void drive(String adapter, LongFunction<Consumer<Map<Integer, AtomicLong>>> next) throws InterruptedException {
        Map<Integer, AtomicLong> answers = new ConcurrentHashMap<>();
        ExecutorService senders = Executors.newFixedThreadPool(settings.concurrency());
        // a few requests per sender made ahead: hostile bodies can be megabytes each
        Semaphore ahead = new Semaphore(settings.concurrency() * 4);
        for (long i = 0; i < settings.perAdapter(); i++) {
            Consumer<Map<Integer, AtomicLong>> send = next.apply(i);
            ahead.acquire();
            senders.execute(() -> {
                try {
                    send.accept(answers);
                } finally {
                    ahead.release();
                }
            });
        }
        senders.shutdown();
        senders.awaitTermination(1, TimeUnit.HOURS);
        System.out.printf(Locale.ROOT, "%-9s %,d requests: %s%n", adapter, settings.perAdapter(), new TreeMap<>(answers));
    }

    private void send(Delivery delivery, boolean unchanged, Map<Integer, AtomicLong> answers, List<String> fiveXx, Set<UUID> valid) {
        HttpRequest.Builder request = HttpRequest.newBuilder(delivery.uri()).timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofByteArray(delivery.body()));
        delivery.headers().forEach(request::header);
        post(delivery.channel().id, request.build(), answers, fiveXx).ifPresent(body -> {
            if (unchanged) {
                valid.addAll(delivery.contactIds());
            } else {
                // the portal and the mail intake name the contacts they accepted: a hostile request taken must become a case too
                valid.addAll(contactIdsIn(body));
            }
        });
    }

    /** Sends the request and counts its answer; a 5xx is kept to be shown. Answers the body of a 2xx. */
    private Optional<String> post(String channel, HttpRequest request, Map<Integer, AtomicLong> answers, List<String> fiveXx) {
        int status;
        String body;
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            status = response.statusCode();
            body = response.body();
        } catch (IOException e) {
            status = 599;
            body = "no answer: " + e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
        answers.computeIfAbsent(status, s -> new AtomicLong()).incrementAndGet();
        if (status >= 500) {
            // the answer only: the body may be megabytes, and the property tests replay a shape faster than a log does
            fiveXx.add(channel + " " + status + " " + body.substring(0, Math.min(200, body.length())));
        }
        return status / 100 == 2 ? Optional.of(body) : Optional.empty();
    }

    private List<String> notReady() {
        List<String> down = new ArrayList<>();
        for (int port : settings.readinessPorts()) {
            try {
                HttpResponse<String> ready = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health/ready"))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                if (ready.statusCode() != 200) {
                    down.add(port + " " + ready.statusCode());
                }
            } catch (IOException e) {
                down.add(port + " no answer");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return down;
    }

    /** The contacts an answer names: the portal's {@code contactId}, the mail intake's {@code contactIds}. */
    private static List<UUID> contactIdsIn(String body) {
        try {
            JsonNode answer = EventJson.mapper().readTree(body);
            List<UUID> ids = new ArrayList<>();
            if (answer.path("contactId").isTextual()) {
                ids.add(UUID.fromString(answer.path("contactId").asText()));
            }
            answer.path("contactIds").forEach(id -> ids.add(UUID.fromString(id.asText())));
            return ids;
        } catch (IOException | IllegalArgumentException e) {
            return List.of();
        }
    }
}
