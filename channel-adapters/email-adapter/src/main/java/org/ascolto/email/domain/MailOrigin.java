package org.ascolto.email.domain;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Where a message was read: the mailbox's name (a setting, never an address), whether it is a PEC mailbox, and how an
 * attachment of the message is referred to, since the adapter publishes references and never the attachments.
 */
public record MailOrigin(String mailbox, boolean pec, AttachmentUrls attachments) {

    /** The URL of the body part {@code section} (IMAP numbering: {@code 2}, {@code 1.3}) of the message {@code messageId}. */
    @FunctionalInterface
    public interface AttachmentUrls {
        String of(String messageId, String section);
    }

    /**
     * A message in an IMAP mailbox, its attachments as RFC 5092 IMAP URLs of the message's UID, which the city's mail
     * client or archive opens.
     */
    public static MailOrigin imap(String mailbox, boolean pec, String host, String folder, long uidValidity, long uid) {
        return new MailOrigin(mailbox, pec, (messageId, section) -> "imap://" + host + "/" + encode(folder)
                + ";UIDVALIDITY=" + uidValidity + "/;UID=" + uid + "/;SECTION=" + section);
    }

    /** A message a mail server delivered by HTTP: its attachments named by RFC 2392 {@code mid:} URL and section. */
    public static MailOrigin delivered(String mailbox) {
        return new MailOrigin(mailbox, false, (messageId, section) -> "mid:" + encode(messageId) + "#section=" + section);
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
