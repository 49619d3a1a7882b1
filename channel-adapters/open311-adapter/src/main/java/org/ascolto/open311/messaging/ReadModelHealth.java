package org.ascolto.open311.messaging;

import jakarta.enterprise.inject.Default;
import jakarta.inject.Singleton;

import org.ascolto.support.kafka.ConsumerReadiness;
import org.eclipse.microprofile.health.Readiness;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * Readiness of the service requests Open311 shows: DOWN while case events wait for the database; also {@code @Default},
 * as the consumer that sets its state injects it. {@code ascolto_consumer_waiting} tells the same to Prometheus.
 */
@Readiness
@Default
@Singleton
public class ReadModelHealth extends ConsumerReadiness {

    public ReadModelHealth(MeterRegistry registry) {
        super(registry, "Open311 service requests", "case-events", "database");
    }
}
