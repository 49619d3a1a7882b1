package org.ascolto.cases.messaging;

import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.ascolto.contracts.DeadLetter;
import org.ascolto.contracts.Topics;

/**
 * Sends records that can never be stored to {@link Topics#CONTACTS_DLQ} as {@link DeadLetter}s, and
 * waits until the broker has them.
 */
@ApplicationScoped
public class DeadLetters {

    private final Producer<String, byte[]> producer;

    public DeadLetters(Producer<String, byte[]> producer) {
        this.producer = producer;
    }

    public void send(List<Rejected> rejected) {
        var acks = rejected.stream().map(this::send).toList();
        for (var ack : acks) {
            try {
                ack.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            } catch (ExecutionException e) {
                throw new IllegalStateException("the DLQ did not acknowledge a rejected record", e.getCause());
            }
        }
    }

    private Future<?> send(Rejected rejected) {
        return producer.send(DeadLetter.of(rejected.record(), rejected.reason()));
    }

    /** A record and why it was rejected. */
    public record Rejected(ConsumerRecord<String, byte[]> record, String reason) {
    }
}
