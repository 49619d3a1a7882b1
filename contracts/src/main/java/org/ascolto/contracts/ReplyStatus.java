package org.ascolto.contracts;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * What became of a reply on its channel: the value of {@link Topics#REPLY_STATUSES}, keyed by case id, written by the
 * adapter that sent the reply (from the channel's delivery receipts, or its own failure to send) and read by the case
 * service into the case timeline. Its id is derived from the reply id and the status, so a redelivered receipt is the
 * same record. Never the reply's text nor the citizen's address. Schema: {@code schemas/reply-status.v1.json}.
 */
public record ReplyStatus(
        UUID statusId,
        UUID replyId,
        UUID caseId,
        String channel,
        String status,
        Instant occurredAt,
        Integer errorCode,
        int schemaVersion) {

    public static final int SCHEMA_VERSION = 1;
    /** CloudEvents type of a status record; its {@code ce_id} is the status id. */
    public static final String EVENT_TYPE = "crm.reply.status.v1";

    /** The channel took the message. */
    public static final String SENT = "sent";
    public static final String DELIVERED = "delivered";
    public static final String READ = "read";
    /** The channel will not deliver it, with the provider's error code (0 when the provider gave none). */
    public static final String FAILED = "failed";
    /** Every status, from the first a reply reaches to the last: a later one outranks an earlier one that arrives late. */
    public static final List<String> ORDER = List.of(SENT, DELIVERED, READ, FAILED);

    public static ReplyStatus of(UUID replyId, UUID caseId, String channel, String status, Instant occurredAt, Integer errorCode) {
        return new ReplyStatus(ContactIds.nameBased(ContactIds.NAMESPACE, "reply-status:" + replyId + ":" + status), replyId,
                caseId, channel, status, occurredAt, FAILED.equals(status) ? errorCode : null, SCHEMA_VERSION);
    }
}
