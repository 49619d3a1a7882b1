package org.ascolto.support.kafka;

import java.time.Duration;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;

import org.apache.kafka.clients.producer.Producer;
import org.ascolto.kafka.AcknowledgedProducer;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.smallrye.common.annotation.Identifier;

/**
 * The service's producer of the records it derives and of dead letters (acks=all, idempotent), named after the service.
 * It connects as Quarkus' channels do: with the bootstrap servers and security settings of every kafka.* property and
 * KAFKA_* variable (TLS and the service's SCRAM user on Kubernetes). Its metrics are in the service's registry.
 */
@ApplicationScoped
public class ProducerSetup {

    @Produces
    @ApplicationScoped
    Producer<String, byte[]> producer(@Identifier("default-kafka-broker") Map<String, Object> kafkaConfig,
            @ConfigProperty(name = "quarkus.application.name") String service, Event<Producer<?, ?>> created) {
        Producer<String, byte[]> producer = AcknowledgedProducer.create(kafkaConfig, service);
        // Quarkus' Micrometer Kafka binder binds its metrics, as it binds those of the channels' clients
        created.fire(producer);
        return producer;
    }

    void close(@Disposes Producer<String, byte[]> producer) {
        producer.close(Duration.ofSeconds(5));
    }
}
