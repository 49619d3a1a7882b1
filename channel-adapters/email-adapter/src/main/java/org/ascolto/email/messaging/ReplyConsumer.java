package org.ascolto.email.messaging;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.ascolto.contracts.EventSchema;
import org.ascolto.contracts.InvalidEventException;
import org.ascolto.contracts.Reply;
import org.ascolto.email.domain.MailNormalizer;
import org.ascolto.kafka.DeadLetter;
import org.ascolto.support.kafka.DeadLetterCounter;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import io.smallrye.common.annotation.Blocking;

/**
 * Reads {@code crm.replies.v1} in the adapter's own group and sends the email ones, one at a time in each partition's
 * order; replies for other channels are their adapters' business. A record that does not validate goes to the DLQ; a
 * database that fails stops the channel (readiness DOWN) and the record comes again, claimed once.
 */
@ApplicationScoped
public class ReplyConsumer {

    private static final Logger LOG = Logger.getLogger(ReplyConsumer.class);

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
        Reply reply;
        try {
            reply = EventSchema.REPLY.read(record.value(), Reply.class);
        } catch (InvalidEventException e) {
            LOG.warnf("a reply record sent to the DLQ: %s", e.getMessage());
            deadLetters.sendAll(producer,
                    List.of(new DeadLetter.Rejected(record, DeadLetter.Reason.unreadable(record), e.getMessage())));
            return;
        }
        if (MailNormalizer.CHANNEL.equals(reply.channel())) {
            sender.send(reply);
        }
    }
}
