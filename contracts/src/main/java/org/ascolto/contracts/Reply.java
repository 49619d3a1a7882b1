package org.ascolto.contracts;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An operator's answer to a citizen, or a notice of how their case goes ({@code notice} names which), to send on the
 * channel of the citizen's latest contact: the value of
 * {@link Topics#REPLIES} (sealed), keyed by case id. The adapter of {@code channel} sends it once, whatever Kafka redelivers, by
 * {@code replyId}. Schema: {@code schemas/reply.v1.json}.
 */
public record Reply(
        UUID replyId,
        UUID caseId,
        String reference,
        String channel,
        @JsonInclude(JsonInclude.Include.NON_NULL) String citizenKey,
        Recipient recipient,
        InReplyTo inReplyTo,
        String text,
        String language,
        String author,
        @JsonInclude(JsonInclude.Include.NON_NULL) String notice,
        Instant createdAt,
        int schemaVersion) {

    public static final int SCHEMA_VERSION = 1;
    /** CloudEvents source of reply records: the case service. */
    public static final String SOURCE = "/ascolto/case-service";
    /** CloudEvents type of a reply record; its {@code ce_id} is the reply id. */
    public static final String EVENT_TYPE = "crm.reply.requested.v1";
    /** The longest reply: WhatsApp's limit for a text message body, the strictest of the channels. */
    public static final int MAX_TEXT = 4096;

    /** The author of notices: Ascolto itself, not an operator. */
    public static final String NOTICE_AUTHOR = "ascolto";
    /** A notice's kind: the receipt of a new case, with its reference. */
    public static final String NOTICE_OPENED = "opened";
    /** A notice's kind: the case waits for the citizen. */
    public static final String NOTICE_WAITING_CITIZEN = "waiting-citizen";
    /** A notice's kind: the case is resolved. */
    public static final String NOTICE_RESOLVED = "resolved";

    /** Who to send it to, as the citizen's contact named them on its channel. */
    public record Recipient(String channelUserId, String phone, String email) {
    }

    /**
     * The citizen's contact it answers: its channel id (threading an email, a private reply to a comment), when the
     * citizen wrote (a channel's customer-service window) and the channel's metadata (the business number it reached).
     */
    public record InReplyTo(UUID contactId, String externalId, Instant occurredAt, String conversationRef,
            @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, String> metadata) {

        public InReplyTo {
            metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
        }
    }
}
