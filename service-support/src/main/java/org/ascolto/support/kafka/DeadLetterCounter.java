package org.ascolto.support.kafka;

import java.util.List;
import java.util.Optional;

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
 * of reason, both from small fixed sets, never anything of the record's content.
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

    /** Sends them to the DLQ, and counts them once Kafka has them all. */
    public void sendAll(Producer<String, byte[]> producer, List<DeadLetter.Rejected> rejected) {
        DeadLetter.sendAll(producer, rejected);
        count(rejected);
    }
}
