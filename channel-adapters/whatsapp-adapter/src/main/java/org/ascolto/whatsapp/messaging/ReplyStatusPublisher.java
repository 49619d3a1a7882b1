package org.ascolto.whatsapp.messaging;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.ascolto.adapter.PublishFailedException;
import org.ascolto.contracts.EventJson;
import org.ascolto.contracts.ReplyStatus;
import org.ascolto.contracts.Topics;
import org.ascolto.kafka.AcknowledgedProducer;
import org.ascolto.kafka.CloudEventHeaders;

import io.micrometer.core.instrument.MeterRegistry;

/** Tells what became of replies on {@link Topics#REPLY_STATUSES}, keyed by case id, and returns once Kafka acknowledged all. */
@ApplicationScoped
public class ReplyStatusPublisher {

    private static final String SOURCE = "/ascolto/whatsapp-adapter";

    private final Producer<String, byte[]> producer;
    private final MeterRegistry registry;

    public ReplyStatusPublisher(Producer<String, byte[]> producer, MeterRegistry registry) {
        this.producer = producer;
        this.registry = registry;
    }

    /** Blocks until Kafka acknowledged every status, or fails with {@link PublishFailedException}. */
    public void publish(List<ReplyStatus> statuses) {
        CompletableFuture<?>[] acknowledged = statuses.stream().map(status -> AcknowledgedProducer.send(producer,
                new ProducerRecord<>(Topics.REPLY_STATUSES, null, status.caseId().toString(), EventJson.write(status),
                        CloudEventHeaders.of(status.statusId().toString(), SOURCE, ReplyStatus.EVENT_TYPE, status.occurredAt(),
                                status.caseId().toString())))).toArray(CompletableFuture[]::new);
        try {
            CompletableFuture.allOf(acknowledged).get();
        } catch (ExecutionException e) {
            throw new PublishFailedException("Kafka did not acknowledge a reply status: " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PublishFailedException("interrupted while publishing reply statuses", e);
        }
        statuses.forEach(status -> registry.counter("ascolto.whatsapp.reply.statuses", "status", status.status()).increment());
    }
}
