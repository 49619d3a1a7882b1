package org.ascolto.localinfra;

import java.util.function.Function;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.ascolto.contracts.Reply;
import org.ascolto.kafka.CloudEventHeaders;

/** Operators' replies as the case service publishes them, for the adapters that send them. */
public final class Replies {

    private Replies() {
    }

    /** The record of {@code crm.replies.v2}, keyed by case id, with its CloudEvents headers; {@code seal} is the keyring's. */
    public static ProducerRecord<String, byte[]> record(Reply reply, Function<Reply, byte[]> seal) {
        return new ProducerRecord<>(org.ascolto.contracts.Topics.REPLIES, null, reply.caseId().toString(), seal.apply(reply),
                CloudEventHeaders.of(reply.replyId().toString(), Reply.SOURCE, Reply.EVENT_TYPE, reply.createdAt(),
                        reply.caseId().toString()));
    }
}
