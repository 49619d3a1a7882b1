package org.ascolto.email.domain;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;

import org.ascolto.contracts.Reply;

/**
 * An operator's reply as an email in the thread of the citizen's message (RFC 5322 3.6.4): {@code In-Reply-To} the
 * citizen's Message-ID, {@code References} the thread's first message and that one, and a Message-ID of its own made of
 * the reply id, so the same reply always has the same id.
 */
public record ReplyMail(String to, String subject, String text, String messageId, Map<String, String> headers) {

    /** The email of a reply; null when the reply names no valid address. {@code {reference}} in the subject is the case's. */
    public static ReplyMail of(Reply reply, String from, String subject) {
        String to = reply.recipient() == null ? null : reply.recipient().email();
        if (to == null || !valid(to)) {
            return null;
        }
        String messageId = "<reply-" + reply.replyId() + "@" + from.substring(from.lastIndexOf('@') + 1).replace(">", "").strip() + ">";
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Message-ID", messageId);
        Reply.InReplyTo parent = reply.inReplyTo();
        if (parent != null && parent.externalId() != null && MailNormalizer.MESSAGE_ID.matcher(parent.externalId()).matches()) {
            String root = parent.conversationRef();
            headers.put("In-Reply-To", parent.externalId());
            headers.put("References", root != null && MailNormalizer.MESSAGE_ID.matcher(root).matches() && !root.equals(parent.externalId())
                    ? root + " " + parent.externalId() : parent.externalId());
        }
        return new ReplyMail(to, subject.replace("{reference}", reply.reference() == null ? "" : reply.reference()), reply.text(),
                messageId, headers);
    }

    private static boolean valid(String address) {
        try {
            new InternetAddress(address, true).validate();
            return true;
        } catch (AddressException e) {
            return false;
        }
    }
}
