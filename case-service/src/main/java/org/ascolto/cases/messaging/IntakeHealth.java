package org.ascolto.cases.messaging;

import java.util.concurrent.atomic.AtomicReference;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Default;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Readiness of case intake: DOWN while routed contacts wait for the database, UP again once a batch is stored; also
 * {@code @Default}, as the consumer that sets its state injects it.
 * {@code ascolto_consumer_waiting} tells the same to Prometheus.
 */
@Readiness
@Default
@ApplicationScoped
public class IntakeHealth implements HealthCheck {

    private final AtomicReference<String> waitingFor = new AtomicReference<>();

    public IntakeHealth(MeterRegistry registry) {
        Gauge.builder("ascolto.consumer.waiting", waitingFor, failure -> failure.get() == null ? 0 : 1)
                .tags("consumer", "routed-contacts", "waiting_for", "database")
                .description("1 while the consumer waits for a dependency, its records unacknowledged").register(registry);
    }

    void storing() {
        waitingFor.set(null);
    }

    void waitingForTheDatabase(String failure) {
        waitingFor.set(failure);
    }

    /** Whether routed contacts are waiting for the database now. */
    public boolean waiting() {
        return waitingFor.get() != null;
    }

    @Override
    public HealthCheckResponse call() {
        String failure = waitingFor.get();
        return HealthCheckResponse.named("case intake").status(failure == null)
                .withData("waiting for the database", failure == null ? "no" : failure).build();
    }
}
