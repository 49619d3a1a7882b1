package org.ascolto.adapter;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.quarkus.arc.properties.IfBuildProperty;
import io.smallrye.reactive.messaging.annotations.Blocking;

/**
 * In an adapter that sends replies ({@code ascolto.adapter.sends-replies=true}, with its {@link ReplySending} and a
 * {@code replies} channel on {@code crm.replies.v2} in its own group): reads the reply records and hands those of the
 * adapter's channels to it. A record that does not validate goes to the DLQ; a database that fails stops the channel
 * (readiness DOWN) and the record comes again, claimed once.
 */
@ApplicationScoped
@IfBuildProperty(name = "ascolto.adapter.sends-replies", stringValue = "true")
public class ReplyConsumer {

    private final ReplyRecords records;
    private final ReplySending sending;

    public ReplyConsumer(ReplyRecords records, ReplySending sending) {
        this.records = records;
        this.sending = sending;
    }

    @Incoming("replies")
    @Blocking
    public void consume(ConsumerRecord<String, byte[]> record) {
        records.forChannels(record, sending.channels()).ifPresent(sending::send);
    }
}
