package org.ascolto.email.messaging;

import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.ascolto.adapter.ReplyRecords;
import org.ascolto.email.domain.MailNormalizer;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.smallrye.common.annotation.Blocking;

/**
 * Reads {@code crm.replies.v1} in the adapter's own group and sends the email ones, one at a time in each partition's
 * order. A database that fails stops the channel (readiness DOWN) and the record comes again, claimed once.
 */
@ApplicationScoped
public class ReplyConsumer {

    private final ReplyRecords records;
    private final ReplySender sender;

    public ReplyConsumer(ReplyRecords records, ReplySender sender) {
        this.records = records;
        this.sender = sender;
    }

    @Incoming("replies")
    @Blocking
    public void consume(ConsumerRecord<String, byte[]> record) {
        records.forChannels(record, Set.of(MailNormalizer.CHANNEL)).ifPresent(sender::send);
    }
}
