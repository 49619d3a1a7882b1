package org.ascolto.meta.domain;

import java.time.Instant;
import java.util.Optional;

import org.ascolto.contracts.EventJson;
import org.ascolto.contracts.Reply;
import org.ascolto.meta.config.MetaConfig;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The Send API bodies for a reply, by Meta's rules: a comment gets one private reply ({@code recipient.comment_id})
 * within its 7 days; a direct message a {@code RESPONSE} within the 24-hour window, then, where the app may, a person's
 * answer with the {@code HUMAN_AGENT} tag within 7 days; after that nothing may go.
 */
public final class SendApiMessages {

    /** The type recorded for each: a response, a tagged human agent's answer, a private reply to a comment. */
    public static final String RESPONSE = "response";
    public static final String HUMAN_AGENT = "human_agent";
    public static final String PRIVATE_REPLY = "private_reply";

    /** A body to post and the type it is. */
    public record Message(String type, ObjectNode body) {
    }

    private SendApiMessages() {
    }

    /** Whether the reply answers a comment (the normalizer's {@code kind}) rather than a direct message. */
    public static boolean answersComment(Reply reply) {
        return "comment".equals(reply.inReplyTo().metadata().get("kind"));
    }

    /**
     * Who the message goes to: the comment's id for a private reply, else the citizen's page- or Instagram-scoped id.
     */
    public static String recipient(Reply reply) {
        return answersComment(reply) ? reply.inReplyTo().externalId() : reply.recipient().channelUserId();
    }

    /** The message for the reply at {@code now}; empty once Meta's windows for it have closed. */
    public static Optional<Message> of(Reply reply, MetaConfig.Windows windows, Instant now) {
        Instant wrote = reply.inReplyTo().occurredAt();
        ObjectNode body = EventJson.mapper().createObjectNode();
        if (answersComment(reply)) {
            if (!now.isBefore(wrote.plus(windows.privateReply()))) {
                return Optional.empty();
            }
            body.putObject("recipient").put("comment_id", recipient(reply));
            body.putObject("message").put("text", reply.text());
            return Optional.of(new Message(PRIVATE_REPLY, body));
        }
        body.putObject("recipient").put("id", recipient(reply));
        String type;
        if (now.isBefore(wrote.plus(windows.response()))) {
            body.put("messaging_type", "RESPONSE");
            type = RESPONSE;
        } else if (windows.humanAgent() && now.isBefore(wrote.plus(windows.humanAgentUntil()))) {
            body.put("messaging_type", "MESSAGE_TAG");
            body.put("tag", "HUMAN_AGENT");
            type = HUMAN_AGENT;
        } else {
            return Optional.empty();
        }
        body.putObject("message").put("text", reply.text());
        return Optional.of(new Message(type, body));
    }
}
