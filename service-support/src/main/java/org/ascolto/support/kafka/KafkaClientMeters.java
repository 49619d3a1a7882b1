package org.ascolto.support.kafka;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.producer.Producer;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;

/**
 * Binds the Kafka producers a service creates itself to its meter registry, as Quarkus binds the clients of its
 * channels: their {@code kafka_producer_*} series (connections, sends and errors per topic) reach {@code /q/metrics}.
 */
@ApplicationScoped
public class KafkaClientMeters {

    private final MeterRegistry registry;
    private final List<KafkaClientMetrics> bound = new CopyOnWriteArrayList<>();

    public KafkaClientMeters(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Answers the producer, its metrics now in the registry until the service stops. */
    public <P extends Producer<?, ?>> P bind(P producer) {
        KafkaClientMetrics metrics = new KafkaClientMetrics(producer);
        metrics.bindTo(registry);
        bound.add(metrics);
        return producer;
    }

    @PreDestroy
    void close() {
        bound.forEach(KafkaClientMetrics::close);
    }
}
