package org.ascolto.cases.messaging;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.ascolto.contracts.Topics;

/**
 * Sends records that can never be stored to {@link Topics#CONTACTS_DLQ}, as received, with the same
 * headers as the other services' dead letters, and waits until the broker has them.
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
        ConsumerRecord<String, byte[]> record = rejected.record();
        RecordHeaders headers = new RecordHeaders(record.headers().toArray());
        headers.add("dead-letter-reason", bytes(rejected.reason()));
        headers.add("dead-letter-topic", bytes(record.topic()));
        headers.add("dead-letter-partition", bytes(Integer.toString(record.partition())));
        headers.add("dead-letter-offset", bytes(Long.toString(record.offset())));
        return producer.send(new ProducerRecord<>(Topics.CONTACTS_DLQ, null, record.key(), record.value(), headers));
    }

    private static byte[] bytes(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }

    /** A record and why it was rejected. */
    public record Rejected(ConsumerRecord<String, byte[]> record, String reason) {
    }
}
