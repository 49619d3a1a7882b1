package org.ascolto.adapter;

import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.ascolto.contracts.Reply;
import org.ascolto.keyring.SealedRecords;
import org.ascolto.support.kafka.DeadLetterCounter;

/**
 * The records of {@code crm.replies.v2} an adapter that answers citizens reads, opened: the reply, or nothing once a
 * record that does not validate went to the DLQ with its reason (counted like every dead letter), so it never stops the
 * consumer, or when its citizen was erased (counted in {@code ascolto_erased_records_total}: nothing to send to anyone).
 */
@ApplicationScoped
public class ReplyRecords {

    private final Producer<String, byte[]> producer;
    private final DeadLetterCounter deadLetters;
    private final SealedRecords sealed;

    public ReplyRecords(Producer<String, byte[]> producer, DeadLetterCounter deadLetters, SealedRecords sealed) {
        this.producer = producer;
        this.deadLetters = deadLetters;
        this.sealed = sealed;
    }

    /** The reply of the record if it is one for these channels; replies for other channels are their adapters' business. */
    public Optional<Reply> forChannels(ConsumerRecord<String, byte[]> record, Set<String> channels) {
        return deadLetters.openOrSetAside(producer, record, sealed::openReply)
                .filter(reply -> channels.contains(reply.channel()));
    }
}
