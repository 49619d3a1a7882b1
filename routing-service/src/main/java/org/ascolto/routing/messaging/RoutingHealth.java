package org.ascolto.routing.messaging;

import java.util.concurrent.atomic.AtomicReference;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Default;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import io.micrometer.core.instrument.Gauge;
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

    private final AtomicReference<String> waitingFor = new AtomicReference<>();

    public RoutingHealth(MeterRegistry registry) {
        Gauge.builder("ascolto.consumer.waiting", waitingFor, failure -> failure.get() == null ? 0 : 1)
                .tags("consumer", "contacts", "waiting_for", "kafka")
                .description("1 while the consumer waits for a dependency, its records unacknowledged").register(registry);
    }

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
