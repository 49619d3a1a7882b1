package org.ascolto.support.kafka;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.ascolto.contracts.EventSchema;
import org.ascolto.contracts.InvalidEventException;
import org.ascolto.kafka.DeadLetter;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * Counts dead letters as {@code ascolto_dead_letters_total{topic, reason}}: the topic the record came from and the kind
 * of reason, both from small fixed sets, never anything of the record's content; and the sealed records skipped because
 * their citizen was erased, as {@code ascolto_erased_records_total{topic}}: neither dead letters nor errors.
 */
@ApplicationScoped
public class DeadLetterCounter {

    private static final Logger LOG = Logger.getLogger(DeadLetterCounter.class);
    private final MeterRegistry registry;

    public DeadLetterCounter(MeterRegistry registry) {
        this.registry = registry;
    }

    public void count(ConsumerRecord<?, ?> record, DeadLetter.Reason reason) {
        registry.counter("ascolto.dead.letters", "topic", record.topic(), "reason", reason.label()).increment();
    }

    /** Counts a sealed record whose citizen's data key was erased: it can never be opened, so it is skipped. */
    public void erased(ConsumerRecord<?, ?> record) {
        registry.counter("ascolto.erased.records", "topic", record.topic()).increment();
    }

    public void count(List<DeadLetter.Rejected> rejected) {
        rejected.forEach(each -> count(each.record(), each.reason()));
    }

    /** The record's value read by its schema, or nothing once it went to the DLQ alone with why it is not valid. */
    public <T> Optional<T> readOrSetAside(Producer<String, byte[]> producer, ConsumerRecord<String, byte[]> record,
            EventSchema schema, Class<T> type) {
        try {
            return Optional.of(schema.read(record.value(), type));
        } catch (InvalidEventException e) {
            LOG.warnf("a record of %s sent to the DLQ: %s", record.topic(), e.getMessage());
            sendAll(producer, List.of(new DeadLetter.Rejected(record, DeadLetter.Reason.unreadable(record), e.getMessage())));
            return Optional.empty();
        }
    }

    /**
     * The sealed record opened by {@code open} (empty: its citizen was erased), or nothing: once it went to the DLQ alone
     * with why it is not valid, or counted as erased and skipped. A keyring that does not answer is the caller's to wait for.
     */
    public <T> Optional<T> openOrSetAside(Producer<String, byte[]> producer, ConsumerRecord<String, byte[]> record,
            Function<byte[], Optional<T>> open) {
        Optional<T> opened;
        try {
            opened = open.apply(record.value());
        } catch (InvalidEventException e) {
            LOG.warnf("a record of %s sent to the DLQ: %s", record.topic(), e.getMessage());
            sendAll(producer, List.of(new DeadLetter.Rejected(record, DeadLetter.Reason.unreadable(record), e.getMessage())));
            return Optional.empty();
        }
        if (opened.isEmpty()) {
            erased(record);
        }
        return opened;
    }

    /** Sends them to the DLQ, and counts them once Kafka has them all. */
    public void sendAll(Producer<String, byte[]> producer, List<DeadLetter.Rejected> rejected) {
        DeadLetter.sendAll(producer, rejected);
        count(rejected);
    }
}
