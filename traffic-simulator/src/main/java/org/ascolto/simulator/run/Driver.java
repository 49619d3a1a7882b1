package org.ascolto.simulator.run;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import org.ascolto.simulator.channels.AdapterConnection;
import org.ascolto.simulator.channels.AdapterRequests;
import org.ascolto.simulator.channels.Delivery;
import org.ascolto.simulator.traffic.Channel;
import org.ascolto.simulator.traffic.Contact;
import org.ascolto.simulator.traffic.Schedule;
import org.ascolto.simulator.traffic.Traffic;

/**
 * Sends contacts to the adapters at the schedule's rate, with at most {@code maxInFlight} requests open, each
 * sender thread on kept-alive connections of its own.
 * Calls reach the phone adapter as the contact center's record stream passes them on: in batches of at most
 * {@value #CALLS_PER_BATCH} records, each batch sent once its first call is {@link #CALL_BATCH_WINDOW} old.
 * Like the real senders it retries a 503 after its Retry-After, and redelivers a share of accepted
 * webhooks and contact record batches byte for byte (Meta and Amazon Connect deliver at least once).
 */
public final class Driver {

    /** What a caller learns of each first delivery the adapter accepted. */
    public interface AcceptedListener {
        void accepted(Delivery delivery, long acceptedAtNanos);
    }

    /** A Kinesis consumer's default batch size, and the window it waits to fill one. */
    static final int CALLS_PER_BATCH = 100;
    static final Duration CALL_BATCH_WINDOW = Duration.ofMillis(20);
    private static final int ATTEMPTS = 3;
    private static final double WEBHOOK_REDELIVERY = 0.03;
    private static final double FORM_DOUBLE_SUBMIT = 0.01;

    /** One delivery attempt of a contact: the first, a retry after a 503, or a redelivery of an accepted one. */
    private record Attempt(Delivery delivery, int number, boolean redelivery) {
    }

    private final Traffic traffic;
    private final AdapterRequests requests;
    private final Set<Channel> running;
    private final Semaphore inFlight;
    private final boolean redeliver;
    private int maxAttempts = ATTEMPTS;
    private volatile boolean stopped;
    private final Tally tally = new Tally();
    private final BlockingQueue<Attempt> attempts = new LinkedBlockingQueue<>();
    private final List<Thread> senders = new ArrayList<>();
    private final ScheduledThreadPoolExecutor later = new ScheduledThreadPoolExecutor(1, runnable -> {
        Thread thread = new Thread(runnable, "redeliveries");
        thread.setDaemon(true);
        return thread;
    });
    private AcceptedListener listener = (delivery, at) -> {
    };
    private final List<Contact> calls = new ArrayList<>(CALLS_PER_BATCH);
    private long firstCallAt;

    public Driver(Traffic traffic, AdapterRequests requests, Set<Channel> running, int maxInFlight, boolean redeliver) {
        this.traffic = traffic;
        this.requests = requests;
        this.running = Set.copyOf(running);
        this.inFlight = new Semaphore(maxInFlight);
        this.redeliver = redeliver;
        for (int i = 0; i < maxInFlight; i++) {
            Thread sender = new Thread(this::sendUntilStopped, "sender-" + i);
            sender.setDaemon(true);
            senders.add(sender);
        }
    }

    public Driver onAccepted(AcceptedListener listener) {
        this.listener = listener;
        return this;
    }

    /** Retries a 503 or an unreachable adapter up to {@code maxAttempts} times, as a patient sender (Meta retries for hours). */
    public Driver attempting(int maxAttempts) {
        this.maxAttempts = maxAttempts;
        return this;
    }

    /** Ends {@link #run} at its next step, as if the schedule had ended. */
    public void stop() {
        stopped = true;
    }

    public Tally tally() {
        return tally;
    }

    /** Sends until the schedule ends or {@code limit} contacts have been sent, then waits for the answers. */
    public Tally run(Schedule schedule, long limit) throws InterruptedException {
        senders.forEach(Thread::start);
        long start = System.nanoTime();
        long last = start;
        double owed = 0;
        while (tally.sent() < limit && !stopped) {
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
                tally.sent(contact.channel(), contact.returning());
                if (contact.channel() == Channel.PHONE) {
                    call(contact);
                } else {
                    send(requests.delivery(contact, Instant.now()));
                }
            }
            if (!calls.isEmpty() && System.nanoTime() - firstCallAt >= CALL_BATCH_WINDOW.toNanos()) {
                sendCalls();
            }
            LockSupport.parkNanos(1_000_000);
        }
        if (!calls.isEmpty()) {
            sendCalls();
        }
        awaitAnswers();
        return tally;
    }

    private void call(Contact contact) throws InterruptedException {
        if (calls.isEmpty()) {
            firstCallAt = System.nanoTime();
        }
        calls.add(contact);
        if (calls.size() == CALLS_PER_BATCH) {
            sendCalls();
        }
    }

    private void sendCalls() throws InterruptedException {
        send(requests.contactRecords(calls, Instant.now()));
        calls.clear();
    }

    private void send(Delivery delivery) throws InterruptedException {
        inFlight.acquire();
        enqueue(new Attempt(delivery, 1, false));
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

    private void enqueue(Attempt attempt) {
        // Counted from here, so that awaitAnswers never sees a gap between a retry being scheduled and sent.
        tally.inFlight().increment();
        attempts.add(attempt);
    }

    private void sendUntilStopped() {
        Map<Integer, AdapterConnection> connections = new HashMap<>();
        try {
            while (true) {
                send(attempts.take(), connections);
            }
        } catch (InterruptedException stopped) {
            connections.values().forEach(AdapterConnection::close);
        }
    }

    private void send(Attempt attempt, Map<Integer, AdapterConnection> connections) {
        Delivery delivery = attempt.delivery();
        long sentAt = System.nanoTime();
        AdapterConnection.Answer answer = null;
        IOException failure = null;
        try {
            answer = connections.computeIfAbsent(delivery.uri().getPort(),
                    port -> new AdapterConnection(delivery.uri().getHost(), port)).send(delivery);
        } catch (IOException e) {
            failure = e;
        }
        long latencyNanos = System.nanoTime() - sentAt;
        if (attempt.number() == 1 && !attempt.redelivery()) {
            inFlight.release();
        }
        try {
            answered(attempt, answer, failure, latencyNanos);
        } finally {
            tally.inFlight().decrement();
        }
    }

    /** Counts every contact of the delivery: a batch of records is accepted, retried or refused as a whole. */
    private void answered(Attempt attempt, AdapterConnection.Answer answer, IOException failure, long latencyNanos) {
        Delivery delivery = attempt.delivery();
        Channel channel = delivery.channel();
        int contacts = delivery.contacts().size();
        int status = answer == null ? 0 : answer.status();
        if (status >= 200 && status < 300) {
            if (attempt.redelivery()) {
                tally.redelivered(channel, contacts);
                return;
            }
            tally.accepted(channel, contacts, latencyNanos);
            listener.accepted(delivery, System.nanoTime());
            maybeRedeliver(delivery);
        } else if ((status == 503 || failure != null) && attempt.number() < maxAttempts) {
            tally.retried(channel, contacts);
            long pauseMillis = answer == null ? 1_000 : answer.retryAfterSeconds().orElse(1) * 1_000;
            later.schedule(() -> enqueue(new Attempt(delivery, attempt.number() + 1, attempt.redelivery())),
                    pauseMillis, TimeUnit.MILLISECONDS);
        } else {
            tally.refused(channel, contacts, status == 0 ? failure.getClass().getSimpleName() : "HTTP " + status);
        }
    }

    private void maybeRedeliver(Delivery delivery) {
        double share = delivery.channel() == Channel.WEB ? FORM_DOUBLE_SUBMIT : WEBHOOK_REDELIVERY;
        ThreadLocalRandom random = ThreadLocalRandom.current();
        if (redeliver && random.nextDouble() < share) {
            later.schedule(() -> enqueue(new Attempt(delivery, 1, true)), random.nextLong(200, 3_000), TimeUnit.MILLISECONDS);
        }
    }

    /** Waits for every open request and pending redelivery or retry, at most a minute. */
    private void awaitAnswers() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while ((tally.inFlight().sum() > 0 || !later.getQueue().isEmpty() || later.getActiveCount() > 0)
                && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        later.shutdownNow();
        senders.forEach(Thread::interrupt);
    }
}
