package org.ascolto.support.kafka;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * The readiness check of a consumer that waits for a dependency: DOWN while it waits, with why, UP again once it goes
 * on. A service's check names itself and its consumer, and is {@code @Readiness}.
 */
public abstract class ConsumerReadiness implements HealthCheck {

    private final String check;
    private final String waitingFor;
    private final ConsumerWaiting waiting;

    protected ConsumerReadiness(MeterRegistry registry, String check, String consumer, String waitingFor) {
        this.check = check;
        this.waitingFor = waitingFor;
        this.waiting = new ConsumerWaiting(registry, consumer, waitingFor);
    }

    /** What the consumer sets while it waits and once it goes on. */
    public ConsumerWaiting waiting() {
        return waiting;
    }

    @Override
    public HealthCheckResponse call() {
        String failure = waiting.failure();
        return HealthCheckResponse.named(check).status(failure == null)
                .withData("waiting for the " + waitingFor, failure == null ? "no" : failure).build();
    }
}
