package org.ascolto.adapter;

import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.ascolto.contracts.EventSchema;
import org.ascolto.contracts.Reply;
import org.ascolto.support.kafka.DeadLetterCounter;

/**
 * The records of {@code crm.replies.v1} an adapter that answers citizens reads: the reply, or nothing once a record
 * that does not validate went to the DLQ with its reason (counted like every dead letter), so it never stops the consumer.
 */
@ApplicationScoped
public class ReplyRecords {

    private final Producer<String, byte[]> producer;
    private final DeadLetterCounter deadLetters;

    public ReplyRecords(Producer<String, byte[]> producer, DeadLetterCounter deadLetters) {
        this.producer = producer;
        this.deadLetters = deadLetters;
    }

    /** The reply of the record if it is one for these channels; replies for other channels are their adapters' business. */
    public Optional<Reply> forChannels(ConsumerRecord<String, byte[]> record, Set<String> channels) {
        return deadLetters.readOrSetAside(producer, record, EventSchema.REPLY, Reply.class)
                .filter(reply -> channels.contains(reply.channel()));
    }
}
