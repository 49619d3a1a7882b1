package org.ascolto.open311.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Default;

import org.ascolto.support.kafka.ConsumerWaiting;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * Readiness of the service requests Open311 shows: DOWN while case events wait for the database, UP again once a batch
 * is stored; also {@code @Default}, as the consumer that sets its state injects it.
 * {@code ascolto_consumer_waiting} tells the same to Prometheus.
 */
@Readiness
@Default
@ApplicationScoped
public class ReadModelHealth implements HealthCheck {

    private final ConsumerWaiting waiting;

    public ReadModelHealth(MeterRegistry registry) {
        waiting = new ConsumerWaiting(registry, "case-events", "database");
    }

    ConsumerWaiting waiting() {
        return waiting;
    }

    @Override
    public HealthCheckResponse call() {
        String failure = waiting.failure();
        return HealthCheckResponse.named("Open311 service requests").status(failure == null)
                .withData("waiting for the database", failure == null ? "no" : failure).build();
    }
}
