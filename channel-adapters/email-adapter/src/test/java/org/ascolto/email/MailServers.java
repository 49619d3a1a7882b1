package org.ascolto.email;

import java.io.ByteArrayInputStream;
import java.util.Map;
import java.util.Properties;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Real IMAP and SMTP servers in the test JVM (GreenMail), on free ports: the city's mailbox {@value #URP} and its PEC
 * mailbox {@value #PEC} that the adapter reads, and the SMTP server its replies go through, which keeps every message
 * for any address.
 */
public class MailServers implements QuarkusTestResourceLifecycleManager {

    public static final String URP = "urp@comune.milano.it";
    public static final String PEC = "protocollo@pec.comune.milano.it";
    private static final Session SESSION = Session.getInstance(new Properties());
    private static GreenMail greenMail;

    @Override
    public Map<String, String> start() {
        greenMail = new GreenMail(new ServerSetup[] { new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP),
                new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_IMAP) });
        greenMail.start();
        greenMail.setUser(URP, URP, "local-urp-password");
        greenMail.setUser(PEC, PEC, "local-pec-password");
        String imap = Integer.toString(greenMail.getImap().getPort());
        return Map.ofEntries(
                Map.entry("ascolto.email.mailboxes.urp.host", "127.0.0.1"),
                Map.entry("ascolto.email.mailboxes.urp.port", imap),
                Map.entry("ascolto.email.mailboxes.urp.ssl", "false"),
                Map.entry("ascolto.email.mailboxes.urp.user", URP),
                Map.entry("ascolto.email.mailboxes.urp.password", "local-urp-password"),
                Map.entry("ascolto.email.mailboxes.urp.poll-interval", "1s"),
                Map.entry("ascolto.email.mailboxes.pec.host", "127.0.0.1"),
                Map.entry("ascolto.email.mailboxes.pec.port", imap),
                Map.entry("ascolto.email.mailboxes.pec.ssl", "false"),
                Map.entry("ascolto.email.mailboxes.pec.user", PEC),
                Map.entry("ascolto.email.mailboxes.pec.password", "local-pec-password"),
                Map.entry("ascolto.email.mailboxes.pec.pec", "true"),
                Map.entry("ascolto.email.mailboxes.pec.poll-interval", "1s"),
                Map.entry("ascolto.email.replies.smtp.host", "127.0.0.1"),
                Map.entry("ascolto.email.replies.smtp.port", Integer.toString(greenMail.getSmtp().getPort())));
    }

    @Override
    public void stop() {
        if (greenMail != null) {
            greenMail.stop();
        }
    }

    public static GreenMail greenMail() {
        return greenMail;
    }

    /** Puts a message, exactly as its bytes say, into a mailbox, as the city's mail server would. */
    public static void deliver(String mailbox, byte[] raw) {
        try {
            GreenMailUser user = greenMail.getUserManager().getUser(mailbox);
            user.deliver(new MimeMessage(SESSION, new ByteArrayInputStream(raw)));
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
