package org.ascolto.support.kafka;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;

import org.apache.kafka.clients.producer.Producer;
import org.ascolto.kafka.AcknowledgedProducer;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The service's producer of the records it derives and of dead letters (acks=all, idempotent), named after the service. */
@ApplicationScoped
public class ProducerSetup {

    @Produces
    @ApplicationScoped
    Producer<String, byte[]> producer(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
            @ConfigProperty(name = "quarkus.application.name") String service) {
        return AcknowledgedProducer.create(bootstrapServers, service);
    }

    void close(@Disposes Producer<String, byte[]> producer) {
        producer.close(Duration.ofSeconds(5));
    }
}
