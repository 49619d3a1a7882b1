package org.ascolto.cases.messaging;

import jakarta.enterprise.inject.Default;
import jakarta.inject.Singleton;

import org.ascolto.support.kafka.ConsumerReadiness;
import org.eclipse.microprofile.health.Readiness;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * Readiness of case intake: DOWN while routed contacts wait for the database, UP again once a batch is stored; also
 * {@code @Default}, as the consumer that sets its state injects it.
 * {@code ascolto_consumer_waiting} tells the same to Prometheus.
 */
@Readiness
@Default
@Singleton
public class IntakeHealth extends ConsumerReadiness {

    public IntakeHealth(MeterRegistry registry) {
        super(registry, "case intake", "routed-contacts", "database");
    }
}
