package org.ascolto.cases.messaging;

import java.util.concurrent.atomic.AtomicReference;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Default;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness of case intake: DOWN while routed contacts wait for the database, UP again once a batch is stored; also
 * {@code @Default}, as the consumer that sets its state injects it.
 */
@Readiness
@Default
@ApplicationScoped
public class IntakeHealth implements HealthCheck {

    private final AtomicReference<String> waitingFor = new AtomicReference<>();

    void storing() {
        waitingFor.set(null);
    }

    void waitingForTheDatabase(String failure) {
        waitingFor.set(failure);
    }

    /** Whether routed contacts are waiting for the database now. */
    public boolean waiting() {
        return waitingFor.get() != null;
    }

    @Override
    public HealthCheckResponse call() {
        String failure = waitingFor.get();
        return HealthCheckResponse.named("case intake").status(failure == null)
                .withData("waiting for the database", failure == null ? "no" : failure).build();
    }
}
