package org.ascolto.email.messaging;

import java.util.Date;
import java.util.Properties;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import org.ascolto.email.config.EmailConfig;
import org.ascolto.email.domain.ReplyMail;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;

/**
 * The city's outgoing mail server, by Angus Mail's SMTP transport: the same library that reads the mailboxes, and a
 * plain blocking call on the reply consumer's worker thread, with timeouts on every step.
 */
@ApplicationScoped
public class SmtpTransport {

    /** The mail server's answer to one attempt: accepted, refused for now (4xx, or no answer), or refused for good (5xx). */
    public record Outcome(boolean accepted, boolean permanent, int code) {
    }

    private final EmailConfig.Smtp smtp;
    private final InternetAddress from;
    private final Session session;

    public SmtpTransport(EmailConfig config) throws MessagingException {
        this.smtp = config.replies().smtp();
        this.from = new InternetAddress(config.replies().from(), true);
        Properties properties = new Properties();
        String protocol = smtp.ssl() ? "smtps" : "smtp";
        String timeout = Long.toString(smtp.timeout().toMillis());
        properties.setProperty("mail.transport.protocol", protocol);
        properties.setProperty("mail." + protocol + ".host", smtp.host());
        properties.setProperty("mail." + protocol + ".port", Integer.toString(smtp.port()));
        properties.setProperty("mail." + protocol + ".starttls.enable", Boolean.toString(smtp.starttls()));
        properties.setProperty("mail." + protocol + ".starttls.required", Boolean.toString(smtp.starttls()));
        properties.setProperty("mail." + protocol + ".auth", Boolean.toString(smtp.user().isPresent()));
        properties.setProperty("mail." + protocol + ".connectiontimeout", timeout);
        properties.setProperty("mail." + protocol + ".timeout", timeout);
        properties.setProperty("mail." + protocol + ".writetimeout", timeout);
        properties.setProperty("mail." + protocol + ".from", from.getAddress());
        this.session = Session.getInstance(properties);
    }

    public Outcome send(ReplyMail mail) {
        try {
            MimeMessage message = new MimeMessage(session) {
                @Override
                protected void updateMessageID() throws MessagingException {
                    // the reply's own id, the same on every attempt, instead of a new random one
                    setHeader("Message-ID", mail.messageId());
                }
            };
            message.setFrom(from);
            message.setRecipient(Message.RecipientType.TO, new InternetAddress(mail.to(), true));
            message.setSubject(mail.subject(), "UTF-8");
            message.setText(mail.text(), "UTF-8");
            message.setSentDate(new Date());
            mail.headers().forEach((name, value) -> header(message, name, value));
            if (smtp.user().isPresent()) {
                Transport.send(message, smtp.user().get(), smtp.password().orElse(""));
            } else {
                Transport.send(message);
            }
            return new Outcome(true, false, 250);
        } catch (MessagingException e) {
            int code = code(e);
            return new Outcome(false, code >= 500, code);
        }
    }

    /** The SMTP reply code of a refusal, wherever Angus nested it; 0 when the server never answered. */
    private static int code(Exception e) {
        for (Exception cause = e; cause != null; cause = cause instanceof MessagingException m ? m.getNextException() : null) {
            if (cause instanceof SMTPSendFailedException failed) {
                return failed.getReturnCode();
            }
            if (cause instanceof SMTPAddressFailedException failed) {
                return failed.getReturnCode();
            }
        }
        return 0;
    }

    private static void header(MimeMessage message, String name, String value) {
        try {
            message.setHeader(name, value);
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
