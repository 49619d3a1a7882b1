package org.ascolto.analytics.api;

import jakarta.enterprise.context.ApplicationScoped;

import org.ascolto.analytics.streams.AnalyticsStreams;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready when the topology runs: its stores answer and it consumes from Kafka. */
@Readiness
@ApplicationScoped
public class StreamsReadiness implements HealthCheck {

    private final AnalyticsStreams streams;

    public StreamsReadiness(AnalyticsStreams streams) {
        this.streams = streams;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("kafka-streams").status(streams.isRunning())
                .withData("state", streams.state().name()).build();
    }
}
