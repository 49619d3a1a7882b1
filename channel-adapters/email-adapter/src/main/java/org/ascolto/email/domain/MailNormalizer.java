package org.ascolto.email.domain;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.ParseException;

import org.ascolto.adapter.CitizenKeys;
import org.ascolto.contracts.CitizenContact;
import org.ascolto.contracts.ContactIds;

/**
 * Reads one raw RFC 5322 message into a citizen's contact, or says why it is not one. Pure and in memory: the caller
 * brings the bytes. The sender's address is the citizen: keyed as a portal form keys an email, so the same person
 * threads into the same case on both channels. The {@code Message-ID} is the external id, so a message read twice is
 * one contact; a message without one is named by the digest of its bytes. Hostile mail is read leniently (unknown
 * charsets, broken base64, control characters) or skipped with a reason, never left to stop a mailbox.
 */
@ApplicationScoped
public class MailNormalizer {

    public static final String CHANNEL = "email";

    /** Deeper parts are not read: no citizen nests a request twenty multiparts down. */
    static final int MAX_DEPTH = 20;
    /** The contract's limits. */
    static final int MAX_TEXT = 20_000;
    static final int MAX_SUBJECT = 500;
    static final int MAX_NAME = 200;
    static final int MAX_ADDRESS = 320;
    static final int MAX_ATTACHMENTS = 50;
    static final int MAX_MEDIA_TYPE = 255;
    /** A sent date further ahead than this is a wrong clock: the message counts as sent when it was received. */
    private static final Duration CLOCK_SKEW = Duration.ofDays(1);
    /** A Message-ID as RFC 5322 writes it: printable ASCII without angle brackets or spaces, within brackets. */
    static final Pattern MESSAGE_ID = Pattern.compile("<[\\x21-\\x3b\\x3d\\x3f-\\x7e]{1,500}>");
    /** Any bracketed id in a {@code References} or {@code In-Reply-To} header, checked against {@link #MESSAGE_ID} once found. */
    private static final Pattern BRACKETED_ID = Pattern.compile("<[^<>\\s]{1,500}>");
    private static final Set<String> AUTOMATIC_PRECEDENCE = Set.of("auto_reply", "bulk", "junk");
    private static final Set<String> DAEMONS = Set.of("mailer-daemon", "postmaster");
    private static final Session SESSION = Session.getInstance(lenient());

    private final CitizenKeys keys;

    public MailNormalizer(CitizenKeys keys) {
        this.keys = keys;
    }

    public InboundMail read(byte[] raw, MailOrigin origin, Instant receivedAt) {
        try {
            return read(new MimeMessage(SESSION, new ByteArrayInputStream(raw)), raw, origin, receivedAt);
        } catch (MessagingException | IOException | RuntimeException e) {
            // whatever a hostile message makes the parser throw, it is this message's problem, not the mailbox's
            return new InboundMail.Skipped(SkipReason.UNREADABLE);
        }
    }

    private InboundMail read(MimeMessage envelope, byte[] raw, MailOrigin origin, Instant receivedAt)
            throws MessagingException, IOException {
        if (envelope.getHeader("X-Ricevuta") != null) {
            return new InboundMail.Skipped(SkipReason.PEC_RECEIPT);
        }
        // before the automatic answers: mail systems mark their bounces Auto-Submitted too
        if (bounce(envelope)) {
            return DeliveryReports.failure(envelope).<InboundMail>map(failure -> failure)
                    .orElse(new InboundMail.Skipped(SkipReason.BOUNCE));
        }
        if (automatic(envelope)) {
            return new InboundMail.Skipped(SkipReason.AUTO_REPLY);
        }
        // a PEC message is an envelope signed by the provider around the citizen's own message, postacert.eml
        Certified certified = origin.pec() && "posta-certificata".equalsIgnoreCase(first(envelope, "X-Trasporto"))
                ? certified(envelope, "", 0) : new Certified(envelope, "");
        if (certified == null) {
            return new InboundMail.Skipped(SkipReason.UNREADABLE);
        }
        MimeMessage message = certified.message();
        InternetAddress sender = sender(message);
        if (sender == null) {
            return new InboundMail.Skipped(SkipReason.SENDER);
        }
        String messageId = messageId(message);
        String externalId = messageId != null ? messageId : "sha256:" + sha256(raw);

        Body body = new Body();
        body.read(message, certified.section(), 0, origin, externalId);
        String text = body.plain != null ? body.plain : body.html != null ? MailText.fromHtml(body.html) : "";
        text = MailText.withoutQuotedHistory(text);
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("mailbox", origin.mailbox());
        if (message != envelope) {
            metadata.put("pec", "true");
        }
        if (text.length() > MAX_TEXT) {
            metadata.put("truncated", "true");
        }
        if (body.omitted) {
            metadata.put("partsOmitted", "true");
        }
        String email = sender.getAddress().toLowerCase(Locale.ROOT);
        Instant sent = message.getSentDate() == null ? null : message.getSentDate().toInstant();
        return new InboundMail.Contact(new CitizenContact(ContactIds.of(CHANNEL, externalId), CHANNEL, externalId,
                sent == null || sent.isAfter(receivedAt.plus(CLOCK_SKEW)) ? receivedAt : sent, receivedAt,
                new CitizenContact.Citizen(keys.ofForm(null, email, CHANNEL, null), blankToNull(cut(sender.getPersonal(), MAX_NAME)),
                        null, email, null),
                blankToNull(cut(subject(message), MAX_SUBJECT)), cut(text, MAX_TEXT), null, null,
                body.attachments, threadRoot(message, messageId), metadata, CitizenContact.SCHEMA_VERSION, null));
    }

    /** RFC 3834 {@code Auto-Submitted} (anything but {@code no}), the vacation headers of common servers, bulk precedence. */
    private static boolean automatic(MimeMessage message) throws MessagingException {
        String autoSubmitted = first(message, "Auto-Submitted");
        String precedence = first(message, "Precedence");
        return autoSubmitted != null && !autoSubmitted.strip().toLowerCase(Locale.ROOT).startsWith("no")
                || message.getHeader("X-Autoreply") != null || message.getHeader("X-Autorespond") != null
                || precedence != null && AUTOMATIC_PRECEDENCE.contains(precedence.strip().toLowerCase(Locale.ROOT));
    }

    /** An RFC 3464 delivery status notification, or a message of a mail system's own address. */
    private static boolean bounce(MimeMessage message) throws MessagingException {
        ContentType type = contentType(message);
        if (type != null && (type.match("multipart/report") && "delivery-status".equalsIgnoreCase(type.getParameter("report-type"))
                || type.match("message/delivery-status"))) {
            return true;
        }
        InternetAddress from = sender(message);
        return from != null && DAEMONS.contains(from.getAddress().split("@", 2)[0].toLowerCase(Locale.ROOT));
    }

    /** A message and the IMAP section of the part that holds it ("" for the message itself). */
    private record Certified(MimeMessage message, String section) {
    }

    /** The citizen's message inside a PEC envelope: the {@code message/rfc822} part named postacert.eml. */
    private static Certified certified(Part part, String section, int depth) throws MessagingException, IOException {
        if (depth > MAX_DEPTH) {
            return null;
        }
        if (part.isMimeType("message/rfc822") && "postacert.eml".equalsIgnoreCase(part.getFileName())
                && part.getContent() instanceof MimeMessage inner) {
            return new Certified(inner, section);
        }
        if (part.isMimeType("multipart/*") && part.getContent() instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                Certified inner = certified(multipart.getBodyPart(i), section.isEmpty() ? Integer.toString(i + 1) : section + "." + (i + 1),
                        depth + 1);
                if (inner != null) {
                    return inner;
                }
            }
        }
        return null;
    }

    /** The one address of the one {@code From} header, when it is a valid address; null for none, several, or a broken one. */
    private static InternetAddress sender(MimeMessage message) throws MessagingException {
        String[] from = message.getHeader("From");
        if (from == null || from.length != 1) {
            return null;
        }
        try {
            InternetAddress[] addresses = InternetAddress.parseHeader(from[0], false);
            if (addresses.length != 1 || addresses[0].getAddress() == null || addresses[0].getAddress().length() > MAX_ADDRESS) {
                return null;
            }
            addresses[0].validate();
            return addresses[0];
        } catch (AddressException e) {
            return null;
        }
    }

    /** The first {@code Message-ID}, when it has the form RFC 5322 gives it; null otherwise. */
    private static String messageId(MimeMessage message) throws MessagingException {
        String id = first(message, "Message-ID");
        if (id == null) {
            return null;
        }
        Matcher matcher = MESSAGE_ID.matcher(id.strip());
        return matcher.matches() ? matcher.group() : null;
    }

    /** The first message of the thread: the first id of {@code References}, else {@code In-Reply-To}, else this message. */
    private static String threadRoot(MimeMessage message, String messageId) throws MessagingException {
        for (String header : List.of("References", "In-Reply-To")) {
            String value = first(message, header);
            Matcher matcher = value == null ? null : BRACKETED_ID.matcher(value);
            if (matcher != null && matcher.find() && MESSAGE_ID.matcher(matcher.group()).matches()) {
                return matcher.group();
            }
        }
        return messageId;
    }

    private static String subject(MimeMessage message) {
        try {
            return message.getSubject();
        } catch (MessagingException e) {
            return null;
        }
    }

    /** The parts of a message that matter: its first plain text, its first HTML, the others as references. */
    private static final class Body {
        String plain;
        String html;
        boolean omitted;
        final List<CitizenContact.Attachment> attachments = new ArrayList<>();

        void read(Part part, String section, int depth, MailOrigin origin, String messageId) throws MessagingException, IOException {
            if (depth > MAX_DEPTH) {
                omitted = true;
                return;
            }
            ContentType type = contentType(part);
            if (type != null && type.match("multipart/*")) {
                Object content = part.getContent();
                if (content instanceof Multipart multipart) {
                    for (int i = 0; i < multipart.getCount(); i++) {
                        BodyPart child = multipart.getBodyPart(i);
                        read(child, section.isEmpty() ? Integer.toString(i + 1) : section + "." + (i + 1), depth + 1, origin, messageId);
                    }
                    return;
                }
            }
            boolean inline = !Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition()) && part.getFileName() == null;
            if (inline && (type == null || type.match("text/plain")) && plain == null) {
                plain = text(part, type);
            } else if (inline && type != null && type.match("text/html") && html == null) {
                html = text(part, type);
            } else if (attachments.size() < MAX_ATTACHMENTS) {
                // the body of a message that is not multipart is its part 1, also inside an enclosing message (RFC 3501 6.4.5)
                String leaf = depth > 0 ? section : section.isEmpty() ? "1" : section + ".1";
                attachments.add(new CitizenContact.Attachment(origin.attachments().of(messageId, leaf),
                        type == null ? null : cut(type.getBaseType().toLowerCase(Locale.ROOT), MAX_MEDIA_TYPE)));
            } else {
                omitted = true;
            }
        }
    }

    /** A text part's content; in an unknown or missing charset its bytes read as UTF-8, what is not UTF-8 replaced. */
    private static String text(Part part, ContentType type) throws MessagingException, IOException {
        try {
            if (type != null && type.getParameter("charset") != null) {
                Object content = part.getContent();
                if (content instanceof String text) {
                    return text;
                }
            }
        } catch (IOException e) {
            // an unknown charset: read the bytes below
        }
        try (InputStream in = part.getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static ContentType contentType(Part part) throws MessagingException {
        String header = part.getContentType();
        if (header == null) {
            return null;
        }
        try {
            return new ContentType(header);
        } catch (ParseException e) {
            return null;
        }
    }

    private static String first(MimeMessage message, String header) throws MessagingException {
        String[] values = message.getHeader(header);
        return values == null || values.length == 0 ? null : values[0];
    }

    /** At most {@code max} characters, never half of a surrogate pair. */
    static String cut(String text, int max) {
        if (text == null || text.length() <= max) {
            return text;
        }
        int end = Character.isHighSurrogate(text.charAt(max - 1)) ? max - 1 : max;
        return text.substring(0, end);
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    private static String sha256(byte[] raw) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(raw));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java platform", e);
        }
    }

    /** Hostile mail read as far as it can be: raw UTF-8 headers, broken base64 and encoded words, loose addresses. */
    private static Properties lenient() {
        Properties properties = new Properties();
        properties.setProperty("mail.mime.allowutf8", "true");
        properties.setProperty("mail.mime.base64.ignoreerrors", "true");
        properties.setProperty("mail.mime.decodetext.strict", "false");
        properties.setProperty("mail.mime.address.strict", "false");
        properties.setProperty("mail.mime.parameters.strict", "false");
        properties.setProperty("mail.mime.multipart.allowempty", "true");
        return properties;
    }
}
