package org.ascolto.routing.config;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;

import org.apache.kafka.clients.producer.Producer;
import org.ascolto.contracts.AcknowledgedProducer;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The producer of routed contacts and dead letters (acks=all, idempotent). */
public class KafkaSetup {

    @Produces
    @ApplicationScoped
    Producer<String, byte[]> producer(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
        return AcknowledgedProducer.create(bootstrapServers, "routing-service");
    }

    void close(@Disposes Producer<String, byte[]> producer) {
        producer.close(Duration.ofSeconds(5));
    }
}
