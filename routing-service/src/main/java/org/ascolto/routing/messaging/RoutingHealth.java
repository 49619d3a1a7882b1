package org.ascolto.routing.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Default;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.ascolto.support.kafka.ConsumerWaiting;
import org.eclipse.microprofile.health.Readiness;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * Readiness of routing: DOWN while routed records wait for Kafka to acknowledge them, UP once it does again; also
 * {@code @Default}, as the router that sets its state injects it.
 * {@code ascolto_consumer_waiting} tells the same to Prometheus.
 */
@Readiness
@Default
@ApplicationScoped
public class RoutingHealth implements HealthCheck {

    private final ConsumerWaiting waiting;

    public RoutingHealth(MeterRegistry registry) {
        waiting = new ConsumerWaiting(registry, "contacts", "kafka");
    }

    void delivering() {
        waiting.resumed();
    }

    void waitingForKafka(String failure) {
        waiting.waiting(failure);
    }

    @Override
    public HealthCheckResponse call() {
        String failure = waiting.failure();
        return HealthCheckResponse.named("routing").status(failure == null)
                .withData("waiting for Kafka", failure == null ? "no" : failure).build();
    }
}
