package org.ascolto.cases.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Default;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.ascolto.support.kafka.ConsumerWaiting;
import org.eclipse.microprofile.health.Readiness;

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

    private final ConsumerWaiting waiting;

    public IntakeHealth(MeterRegistry registry) {
        waiting = new ConsumerWaiting(registry, "routed-contacts", "database");
    }

    ConsumerWaiting waiting() {
        return waiting;
    }

    @Override
    public HealthCheckResponse call() {
        String failure = waiting.failure();
        return HealthCheckResponse.named("case intake").status(failure == null)
                .withData("waiting for the database", failure == null ? "no" : failure).build();
    }
}
