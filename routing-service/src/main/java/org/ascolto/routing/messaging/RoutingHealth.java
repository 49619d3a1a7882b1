package org.ascolto.routing.messaging;

import jakarta.enterprise.inject.Default;
import jakarta.inject.Singleton;

import org.ascolto.support.kafka.ConsumerReadiness;
import org.eclipse.microprofile.health.Readiness;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * Readiness of routing: DOWN while routed records wait for Kafka to acknowledge them, UP once it does again; also
 * {@code @Default}, as the router that sets its state injects it.
 * {@code ascolto_consumer_waiting} tells the same to Prometheus.
 */
@Readiness
@Default
@Singleton
public class RoutingHealth extends ConsumerReadiness {

    public RoutingHealth(MeterRegistry registry) {
        super(registry, "routing", "contacts", "kafka");
    }
}
