package org.ascolto.adapter;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.ascolto.keyring.KeyringUnavailableException;
import org.ascolto.support.kafka.ConsumerWaiting;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.arc.properties.IfBuildProperty;
import io.smallrye.reactive.messaging.annotations.Blocking;

/**
 * In an adapter that sends replies ({@code ascolto.adapter.sends-replies=true}, with its {@link ReplySending} and a
 * {@code replies} channel on {@code crm.replies.v2} in its own group): reads the reply records and hands those of the
 * adapter's channels to it. A record that does not validate goes to the DLQ; a keyring that does not answer (or whose
 * table its owner, the case service, has not created yet) is waited out, {@code ascolto_consumer_waiting{consumer="replies"}}
 * 1 meanwhile; a database that fails stops the channel (readiness DOWN) and the record comes again, claimed once.
 */
@ApplicationScoped
@IfBuildProperty(name = "ascolto.adapter.sends-replies", stringValue = "true")
public class ReplyConsumer {

    private final ReplyRecords records;
    private final ReplySending sending;
    private final ConsumerWaiting keyring;

    public ReplyConsumer(ReplyRecords records, ReplySending sending, MeterRegistry registry) {
        this.records = records;
        this.sending = sending;
        this.keyring = new ConsumerWaiting(registry, "replies", "keyring");
    }

    @Incoming("replies")
    @Blocking
    public void consume(ConsumerRecord<String, byte[]> record) {
        keyring.waitOut(KeyringUnavailableException.class, Duration.ofSeconds(1), Duration.ofMinutes(1),
                () -> records.forChannels(record, sending.channels())).ifPresent(sending::send);
    }
}
