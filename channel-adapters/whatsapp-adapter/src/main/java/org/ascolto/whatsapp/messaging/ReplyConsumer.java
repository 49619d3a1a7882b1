package org.ascolto.whatsapp.messaging;

import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.ascolto.adapter.ReplyRecords;
import org.ascolto.contracts.Channels;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.smallrye.common.annotation.Blocking;

/**
 * Reads {@code crm.replies.v1} in the adapter's own group and sends the WhatsApp ones, one at a time in each
 * partition's order; replies for other channels are their adapters' business. A record that does not validate goes
 * to the DLQ; a database that fails stops the channel (readiness DOWN) and the record comes again, claimed once.
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
        records.forChannels(record, Set.of(Channels.WHATSAPP)).ifPresent(sender::send);
    }
}
