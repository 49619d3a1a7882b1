package org.ascolto.localinfra;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.ascolto.contracts.EventJson;
import org.ascolto.contracts.Reply;
import org.ascolto.kafka.CloudEventHeaders;

/** Operators' replies as the case service publishes them, for the adapters that send them. */
public final class Replies {

    private Replies() {
    }

    /** The record of {@code crm.replies.v1}, keyed by case id, with its CloudEvents headers. */
    public static ProducerRecord<String, byte[]> record(Reply reply) {
        return new ProducerRecord<>(org.ascolto.contracts.Topics.REPLIES, null, reply.caseId().toString(), EventJson.write(reply),
                CloudEventHeaders.of(reply.replyId().toString(), "/ascolto/case-service", Reply.EVENT_TYPE, reply.createdAt(),
                        reply.caseId().toString()));
    }
}
