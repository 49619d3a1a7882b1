package org.ascolto.whatsapp.domain;

import java.time.Instant;

import org.ascolto.contracts.EventJson;
import org.ascolto.contracts.Reply;
import org.ascolto.whatsapp.config.WhatsAppConfig;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The Cloud API message bodies for a reply: free text while the customer-service window of the citizen's message is
 * open, the configured template (the case reference as its parameter) once it has closed.
 */
public final class ReplyMessages {

    private ReplyMessages() {
    }

    /** Whether free text may still go to the citizen at {@code now}. */
    public static boolean windowOpen(Reply reply, WhatsAppConfig.Template template, Instant now) {
        return now.isBefore(reply.inReplyTo().occurredAt().plus(template.window()));
    }

    /** A text message, answering the citizen's message in its thread. */
    public static ObjectNode text(Reply reply) {
        ObjectNode body = envelope(reply, "text");
        body.putObject("context").put("message_id", reply.inReplyTo().externalId());
        body.putObject("text").put("preview_url", false).put("body", reply.text());
        return body;
    }

    public static ObjectNode template(Reply reply, WhatsAppConfig.Template template) {
        ObjectNode body = envelope(reply, "template");
        ObjectNode content = body.putObject("template");
        content.put("name", reply.notice() == null ? template.name() : template.notices().getOrDefault(reply.notice(), template.name()));
        String language = reply.language() == null ? null : template.languages().get(reply.language());
        content.putObject("language").put("code", language == null ? template.defaultLanguage() : language);
        content.putArray("components").addObject().put("type", "body")
                .putArray("parameters").addObject().put("type", "text").put("text", reply.reference());
        return body;
    }

    /** The WhatsApp user to send to: the wa_id the citizen wrote from, else their phone number without its '+'. */
    public static String recipient(Reply reply) {
        Reply.Recipient to = reply.recipient();
        if (to.channelUserId() != null) {
            return to.channelUserId();
        }
        return to.phone() == null ? null : to.phone().substring(1);
    }

    private static ObjectNode envelope(Reply reply, String type) {
        ObjectNode body = EventJson.mapper().createObjectNode();
        body.put("messaging_product", "whatsapp");
        body.put("recipient_type", "individual");
        body.put("to", recipient(reply));
        body.put("type", type);
        return body;
    }
}
