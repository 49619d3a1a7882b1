package org.ascolto.whatsapp.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.ascolto.adapter.CitizenErasures;
import org.ascolto.whatsapp.persistence.SentReplies;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.smallrye.common.annotation.Blocking;

/**
 * Reads {@code crm.erasures.v1} in a group of its own and erases what this adapter recorded of the replies to the
 * erased citizen's cases. A database that fails stops the channel (readiness DOWN) and the record comes again.
 */
@ApplicationScoped
public class ErasureConsumer {

    private final CitizenErasures erasures;
    private final SentReplies replies;

    public ErasureConsumer(CitizenErasures erasures, SentReplies replies) {
        this.erasures = erasures;
        this.replies = replies;
    }

    @Incoming("erasures")
    @Blocking
    public void consume(ConsumerRecord<String, byte[]> record) {
        erasures.apply(record, replies);
    }
}
