package org.ascolto.whatsapp.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.ascolto.contracts.Channels;
import org.ascolto.contracts.EventSchema;
import org.ascolto.contracts.Reply;
import org.ascolto.support.kafka.DeadLetterCounter;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.smallrye.common.annotation.Blocking;

/**
 * Reads {@code crm.replies.v1} in the adapter's own group and sends the WhatsApp ones, one at a time in each
 * partition's order; replies for other channels are their adapters' business. A record that does not validate goes
 * to the DLQ; a database that fails stops the channel (readiness DOWN) and the record comes again, claimed once.
 */
@ApplicationScoped
public class ReplyConsumer {

    private final ReplySender sender;
    private final Producer<String, byte[]> producer;
    private final DeadLetterCounter deadLetters;

    public ReplyConsumer(ReplySender sender, Producer<String, byte[]> producer, DeadLetterCounter deadLetters) {
        this.sender = sender;
        this.producer = producer;
        this.deadLetters = deadLetters;
    }

    @Incoming("replies")
    @Blocking
    public void consume(ConsumerRecord<String, byte[]> record) {
        deadLetters.readOrSetAside(producer, record, EventSchema.REPLY, Reply.class)
                .filter(reply -> Channels.WHATSAPP.equals(reply.channel()))
                .ifPresent(sender::send);
    }
}
