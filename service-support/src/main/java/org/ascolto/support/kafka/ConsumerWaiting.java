package org.ascolto.support.kafka;

import java.util.concurrent.atomic.AtomicReference;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Whether a consumer waits for a dependency (Kafka, the database), its records unacknowledged meanwhile, and why:
 * what its readiness check says, and {@code ascolto_consumer_waiting{consumer, waiting_for}} tells Prometheus.
 */
public final class ConsumerWaiting {

    private final AtomicReference<String> failure = new AtomicReference<>();

    public ConsumerWaiting(MeterRegistry registry, String consumer, String waitingFor) {
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

    /** The failure the consumer waits out, or null when it does not wait. */
    public String failure() {
        return failure.get();
    }
}
