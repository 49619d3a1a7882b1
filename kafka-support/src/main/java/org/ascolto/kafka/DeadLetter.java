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

    /**
     * Why a record can never be processed, as operations count dead letters: a small fixed set, never the record's
     * content (the {@link #REASON} header carries the details).
     */
    public enum Reason {
        /** a record without a value */
        NO_VALUE("no-value"),
        /** a value that does not parse or does not validate against its schema */
        INVALID("invalid"),
        /** a valid record the database refuses for its content */
        REFUSED_BY_DATABASE("refused-by-database"),
        /** a contact whose classification failed every attempt */
        UNCLASSIFIABLE("unclassifiable");

        private final String label;

        Reason(String label) {
            this.label = label;
        }

        /** The value of the {@code reason} tag of the dead-letter counter. */
        public String label() {
            return label;
        }

        /** Why a record that could not be read is refused: it has no value, or its value is invalid. */
        public static Reason unreadable(ConsumerRecord<?, ?> record) {
            return record.value() == null ? NO_VALUE : INVALID;
        }
    }

    /** The dead letter of {@code record}; its {@link #REASON} header says {@code detail}, or the reason when there is none. */
    public static ProducerRecord<String, byte[]> of(ConsumerRecord<String, byte[]> record, Reason reason, String detail) {
        RecordHeaders headers = new RecordHeaders(record.headers().toArray());
        headers.add(REASON, bytes(detail == null ? reason.label() : detail));
        headers.add(TOPIC, bytes(record.topic()));
        headers.add(PARTITION, bytes(Integer.toString(record.partition())));
        headers.add(OFFSET, bytes(Long.toString(record.offset())));
        return new ProducerRecord<>(Topics.CONTACTS_DLQ, null, record.key(), record.value(), headers);
    }

    /** Sends the rejected records to the DLQ and waits until the broker has every one; fails when it does not. */
    public static void sendAll(Producer<String, byte[]> producer, List<Rejected> rejected) {
        List<CompletableFuture<RecordMetadata>> acks = rejected.stream()
                .map(each -> AcknowledgedProducer.send(producer, of(each.record(), each.reason(), each.detail())))
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

    /** A record and why it was rejected: the kind of reason and its details. */
    public record Rejected(ConsumerRecord<String, byte[]> record, Reason reason, String detail) {
    }

    private static byte[] bytes(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }
}
