package org.ascolto.support.kafka;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import org.ascolto.support.retry.DoublingPauses;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Whether a consumer waits for a dependency (Kafka, the database), its records unacknowledged meanwhile, and why:
 * what its readiness check says, and {@code ascolto_consumer_waiting{consumer, waiting_for}} tells Prometheus.
 */
public final class ConsumerWaiting {

    private static final Logger LOG = Logger.getLogger(ConsumerWaiting.class);

    private final AtomicReference<String> failure = new AtomicReference<>();
    private final String consumer;

    public ConsumerWaiting(MeterRegistry registry, String consumer, String waitingFor) {
        this.consumer = consumer;
        Gauge.builder("ascolto.consumer.waiting", failure, f -> f.get() == null ? 0 : 1)
                .tags("consumer", consumer, "waiting_for", waitingFor)
                .description("1 while the consumer waits for a dependency, its records unacknowledged").register(registry);
    }

    public void waiting(String failure) {
        this.failure.set(failure);
    }

    public void resumed() {
        failure.set(null);
    }

    /**
     * What {@code work} answers once it no longer fails with {@code unavailable}: until then the consumer waits, its
     * failure told, pausing from {@code first} on, each pause twice the one before up to {@code longest}. Any other
     * failure is {@code work}'s caller's.
     */
    public <T> T waitOut(Class<? extends RuntimeException> unavailable, Duration first, Duration longest, Supplier<T> work) {
        DoublingPauses pauses = null;
        while (true) {
            try {
                T answer = work.get();
                if (pauses != null) {
                    resumed();
                }
                return answer;
            } catch (RuntimeException e) {
                if (!unavailable.isInstance(e)) {
                    throw e;
                }
                LOG.warnf("%s waits: %s", consumer, e.getMessage());
                waiting(e.getMessage());
                pauses = pauses == null ? new DoublingPauses(first, longest) : pauses;
                pauses.await();
            }
        }
    }

    /** The failure the consumer waits out, or null when it does not wait. */
    public String failure() {
        return failure.get();
    }
}
