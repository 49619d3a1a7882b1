package org.ascolto.simulator.run;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import org.ascolto.simulator.channels.AdapterRequests;
import org.ascolto.simulator.channels.Delivery;
import org.ascolto.simulator.traffic.Channel;
import org.ascolto.simulator.traffic.Contact;
import org.ascolto.simulator.traffic.Schedule;
import org.ascolto.simulator.traffic.Traffic;

/**
 * Sends contacts to the adapters at the schedule's rate, with at most {@code maxInFlight} requests open.
 * Like the real senders it retries a 503 after its Retry-After, and redelivers a share of accepted
 * webhooks and contact records byte for byte (Meta and Amazon Connect deliver at least once).
 */
public final class Driver {

    /** What a caller learns of each first delivery the adapter accepted. */
    public interface AcceptedListener {
        void accepted(Delivery delivery, long acceptedAtNanos);
    }

    private static final int MAX_ATTEMPTS = 3;
    private static final double WEBHOOK_REDELIVERY = 0.03;
    private static final double FORM_DOUBLE_SUBMIT = 0.01;

    private final HttpClient http;
    private final Traffic traffic;
    private final AdapterRequests requests;
    private final Set<Channel> running;
    private final Semaphore inFlight;
    private final boolean redeliver;
    private final Tally tally = new Tally();
    private final ScheduledThreadPoolExecutor later = new ScheduledThreadPoolExecutor(1, runnable -> {
        Thread thread = new Thread(runnable, "redeliveries");
        thread.setDaemon(true);
        return thread;
    });
    private AcceptedListener listener = (delivery, at) -> {
    };

    public Driver(HttpClient http, Traffic traffic, AdapterRequests requests, Set<Channel> running, int maxInFlight,
            boolean redeliver) {
        this.http = http;
        this.traffic = traffic;
        this.requests = requests;
        this.running = Set.copyOf(running);
        this.inFlight = new Semaphore(maxInFlight);
        this.redeliver = redeliver;
    }

    public Driver onAccepted(AcceptedListener listener) {
        this.listener = listener;
        return this;
    }

    public Tally tally() {
        return tally;
    }

    /** Sends until the schedule ends or {@code limit} contacts have been sent, then waits for the answers. */
    public Tally run(Schedule schedule, long limit) throws InterruptedException {
        long start = System.nanoTime();
        long last = start;
        double owed = 0;
        while (tally.sent() < limit) {
            long now = System.nanoTime();
            Duration elapsed = Duration.ofNanos(now - start);
            if (elapsed.compareTo(schedule.length()) >= 0) {
                break;
            }
            double rate = schedule.ratePerSecond(elapsed);
            // When the platform is slower than the schedule, fall behind rather than burst later.
            owed = Math.min(owed + rate * (now - last) / 1e9, Math.max(1, rate / 10));
            last = now;
            Map<Channel, Double> mix = runningMix(schedule.mix(elapsed));
            while (owed >= 1 && tally.sent() < limit && !mix.isEmpty()) {
                owed -= 1;
                Contact contact = traffic.next(mix);
                inFlight.acquire();
                tally.sent(contact.channel(), contact.returning());
                send(requests.delivery(contact, Instant.now()), 1, false);
            }
            LockSupport.parkNanos(1_000_000);
        }
        awaitAnswers();
        return tally;
    }

    private Map<Channel, Double> runningMix(Map<Channel, Double> mix) {
        Map<Channel, Double> running = new EnumMap<>(Channel.class);
        mix.forEach((channel, share) -> {
            if (this.running.contains(channel) && share > 0) {
                running.put(channel, share);
            }
        });
        return running;
    }

    private void send(Delivery delivery, int attempt, boolean redelivery) {
        long sentAt = System.nanoTime();
        tally.inFlight().increment();
        http.sendAsync(delivery.request(), HttpResponse.BodyHandlers.ofString()).whenComplete((response, error) -> {
            long answeredAt = System.nanoTime();
            if (attempt == 1 && !redelivery) {
                inFlight.release();
            }
            try {
                answered(delivery, attempt, redelivery, response, error, answeredAt - sentAt);
            } finally {
                // After any retry or redelivery is scheduled, so that awaitAnswers never sees a gap.
                tally.inFlight().decrement();
            }
        });
    }

    private void answered(Delivery delivery, int attempt, boolean redelivery, HttpResponse<String> response,
            Throwable error, long latencyNanos) {
        Channel channel = delivery.contact().channel();
        Throwable failure = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        int status = response == null ? 0 : response.statusCode();
        if (status >= 200 && status < 300) {
            if (redelivery) {
                tally.redelivered(channel);
                return;
            }
            tally.accepted(channel, latencyNanos);
            listener.accepted(delivery, System.nanoTime());
            maybeRedeliver(delivery);
        } else if ((status == 503 || failure instanceof IOException) && attempt < MAX_ATTEMPTS) {
            tally.retried(channel);
            later.schedule(() -> send(delivery, attempt + 1, redelivery), retryAfterMillis(response), TimeUnit.MILLISECONDS);
        } else {
            tally.refused(channel, status == 0 ? failure.getClass().getSimpleName() : "HTTP " + status);
        }
    }

    private void maybeRedeliver(Delivery delivery) {
        double share = delivery.contact().channel() == Channel.WEB ? FORM_DOUBLE_SUBMIT : WEBHOOK_REDELIVERY;
        ThreadLocalRandom random = ThreadLocalRandom.current();
        if (redeliver && random.nextDouble() < share) {
            later.schedule(() -> send(delivery, 1, true), random.nextLong(200, 3_000), TimeUnit.MILLISECONDS);
        }
    }

    private static long retryAfterMillis(HttpResponse<String> response) {
        if (response == null) {
            return 1_000;
        }
        return response.headers().firstValue("Retry-After").map(seconds -> {
            try {
                return Long.parseLong(seconds.trim()) * 1_000;
            } catch (NumberFormatException notSeconds) {
                return 1_000L;
            }
        }).orElse(1_000L);
    }

    /** Waits for every open request and pending redelivery or retry, at most a minute. */
    private void awaitAnswers() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while ((tally.inFlight().sum() > 0 || !later.getQueue().isEmpty() || later.getActiveCount() > 0)
                && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        later.shutdownNow();
    }
}
