package org.ascolto.routing.messaging;

import java.util.concurrent.atomic.AtomicReference;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Default;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness of routing: DOWN while routed records wait for Kafka to acknowledge them, UP once it does again; also
 * {@code @Default}, as the router that sets its state injects it.
 */
@Readiness
@Default
@ApplicationScoped
public class RoutingHealth implements HealthCheck {

    private final AtomicReference<String> waitingFor = new AtomicReference<>();

    void delivering() {
        waitingFor.set(null);
    }

    void waitingForKafka(String failure) {
        waitingFor.set(failure);
    }

    @Override
    public HealthCheckResponse call() {
        String failure = waitingFor.get();
        return HealthCheckResponse.named("routing").status(failure == null)
                .withData("waiting for Kafka", failure == null ? "no" : failure).build();
    }
}
