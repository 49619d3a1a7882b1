package org.ascolto.support.kafka;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.ascolto.kafka.DeadLetter;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * Counts dead letters as {@code ascolto_dead_letters_total{topic, reason}}: the topic the record came from and the kind
 * of reason, both from small fixed sets, never anything of the record's content.
 */
@ApplicationScoped
public class DeadLetterCounter {

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

    /** Sends them to the DLQ, and counts them once Kafka has them all. */
    public void sendAll(Producer<String, byte[]> producer, List<DeadLetter.Rejected> rejected) {
        DeadLetter.sendAll(producer, rejected);
        count(rejected);
    }
}
