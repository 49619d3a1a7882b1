package org.ascolto.cases.messaging;

import jakarta.enterprise.inject.Default;
import jakarta.inject.Singleton;

import org.ascolto.support.kafka.ConsumerReadiness;
import org.eclipse.microprofile.health.Readiness;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * Readiness of the replies' statuses: DOWN while a status waits for the database, UP again once it is stored; also
 * {@code @Default}, as the consumer that sets its state injects it.
 */
@Readiness
@Default
@Singleton
public class ReplyStatusHealth extends ConsumerReadiness {

    public ReplyStatusHealth(MeterRegistry registry) {
        super(registry, "reply statuses", "reply-statuses", "database");
    }
}
