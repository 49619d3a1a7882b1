package org.ascolto.email.domain;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.MimeMessage;

/**
 * Reads an RFC 3464 delivery status notification ({@code multipart/report; report-type=delivery-status}) that says a
 * message could not be delivered: the Message-IDs it refers to ({@code In-Reply-To} and {@code References} of the report,
 * and the {@code Message-ID} of the returned message or headers) and the SMTP reply code of the failure.
 */
final class DeliveryReports {

    private static final int MAX_PARTS = 10;
    private static final int MAX_IDS = 20;
    private static final int MAX_FIELDS = 64 * 1024;
    private static final Pattern FAILED = Pattern.compile("(?im)^Action:[ \\t]*failed\\b");
    /** The remote server's own answer: {@code Diagnostic-Code: smtp; 550 5.1.1 User unknown}. */
    private static final Pattern DIAGNOSTIC = Pattern.compile("(?im)^Diagnostic-Code:[ \\t]*smtp[ \\t]*;[ \\t]*([45]\\d\\d)\\b");
    /** The enhanced status code, {@code Status: 5.1.1}: its class when no server answer is given. */
    private static final Pattern STATUS = Pattern.compile("(?im)^Status:[ \\t]*([45])\\.\\d{1,3}\\.\\d{1,3}");

    private DeliveryReports() {
    }

    /** The failure the report tells, or none: a delay or success notice, or a report that names no message. */
    static Optional<InboundMail.Bounced> failure(MimeMessage report) throws MessagingException, IOException {
        if (!report.isMimeType("multipart/report") || !(report.getContent() instanceof Multipart parts)) {
            return Optional.empty();
        }
        Set<String> messageIds = new LinkedHashSet<>();
        for (String header : List.of("In-Reply-To", "References")) {
            ids(report.getHeader(header, " "), messageIds);
        }
        String fields = null;
        for (int i = 0; i < Math.min(parts.getCount(), MAX_PARTS); i++) {
            BodyPart part = parts.getBodyPart(i);
            if (part.isMimeType("message/delivery-status") && fields == null) {
                try (InputStream in = part.getInputStream()) {
                    fields = new String(in.readNBytes(MAX_FIELDS), StandardCharsets.US_ASCII);
                }
            } else if (part.isMimeType("message/rfc822") || part.isMimeType("text/rfc822-headers")) {
                try (InputStream in = part.getInputStream()) {
                    ids(new InternetHeaders(in).getHeader("Message-ID", " "), messageIds);
                }
            }
        }
        if (fields == null || !FAILED.matcher(fields).find() || messageIds.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new InboundMail.Bounced(new ArrayList<>(messageIds).subList(0, Math.min(MAX_IDS, messageIds.size())),
                code(fields)));
    }

    /** The server's reply code, else the enhanced status class as one (5.x.x: 500), else 0. */
    private static int code(String fields) {
        Matcher diagnostic = DIAGNOSTIC.matcher(fields);
        if (diagnostic.find()) {
            return Integer.parseInt(diagnostic.group(1));
        }
        Matcher status = STATUS.matcher(fields);
        return status.find() ? Integer.parseInt(status.group(1)) * 100 : 0;
    }

    private static void ids(String header, Set<String> into) {
        if (header == null) {
            return;
        }
        Matcher id = MailNormalizer.MESSAGE_ID.matcher(header);
        while (id.find()) {
            into.add(id.group());
        }
    }
}
