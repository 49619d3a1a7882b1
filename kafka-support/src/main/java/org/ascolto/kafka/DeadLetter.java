package org.ascolto.kafka;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.ascolto.contracts.Topics;

/**
 * A record that can never be processed, on its way to {@link Topics#CONTACTS_DLQ}: its key, value and
 * headers as received, plus why it was rejected and where it came from, so that an operator can fix
 * the cause and replay it.
 */
public final class DeadLetter {

    public static final String REASON = "dead-letter-reason";
    public static final String TOPIC = "dead-letter-topic";
    public static final String PARTITION = "dead-letter-partition";
    public static final String OFFSET = "dead-letter-offset";

    private DeadLetter() {
    }

    public static ProducerRecord<String, byte[]> of(ConsumerRecord<String, byte[]> record, String reason) {
        RecordHeaders headers = new RecordHeaders(record.headers().toArray());
        headers.add(REASON, bytes(reason == null ? "unknown" : reason));
        headers.add(TOPIC, bytes(record.topic()));
        headers.add(PARTITION, bytes(Integer.toString(record.partition())));
        headers.add(OFFSET, bytes(Long.toString(record.offset())));
        return new ProducerRecord<>(Topics.CONTACTS_DLQ, null, record.key(), record.value(), headers);
    }

    /** Sends the rejected records to the DLQ and waits until the broker has every one; fails when it does not. */
    public static void sendAll(Producer<String, byte[]> producer, List<Rejected> rejected) {
        List<CompletableFuture<RecordMetadata>> acks = rejected.stream()
                .map(each -> AcknowledgedProducer.send(producer, of(each.record(), each.reason())))
                .toList();
        try {
            CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the DLQ acknowledged rejected records", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("the DLQ did not acknowledge a rejected record", e.getCause());
        }
    }

    /** A record and why it was rejected. */
    public record Rejected(ConsumerRecord<String, byte[]> record, String reason) {
    }

    private static byte[] bytes(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }
}
