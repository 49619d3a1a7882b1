package org.ascolto.adapter;

import jakarta.enterprise.inject.Default;
import jakarta.inject.Singleton;

import org.ascolto.support.kafka.ConsumerReadiness;
import org.eclipse.microprofile.health.Readiness;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.arc.properties.IfBuildProperty;

/**
 * Readiness of the erasures: DOWN while an erasure waits for the database, UP again once it is applied; also
 * {@code @Default}, as the {@link ErasureConsumer} that sets its state injects it.
 */
@Readiness
@Default
@Singleton
@IfBuildProperty(name = "ascolto.adapter.sends-replies", stringValue = "true")
public class ErasureHealth extends ConsumerReadiness {

    public ErasureHealth(MeterRegistry registry) {
        super(registry, "erasures", "erasures", "database");
    }
}
