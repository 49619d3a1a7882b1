package org.ascolto.email;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import jakarta.inject.Inject;
import jakarta.mail.Flags;

import org.ascolto.adapter.CitizenKeys;
import org.ascolto.conformance.AdapterConformance;
import org.ascolto.contracts.CitizenContact;
import org.ascolto.contracts.EventJson;
import org.ascolto.contracts.Topics;
import org.ascolto.keyring.SealedRecords;
import org.ascolto.localinfra.Eventually;
import org.ascolto.localinfra.KafkaTestResource;
import org.ascolto.localinfra.KeyringTestResource;
import org.ascolto.localinfra.PostgresTestResource;
import org.ascolto.localinfra.TestKafka;
import org.ascolto.localinfra.TopicProbe;
import org.junit.jupiter.api.Test;

import com.icegreen.greenmail.store.StoredMessage;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The city's mailboxes read over IMAP as they fill: a citizen's email becomes one contact, keyed as their portal forms,
 * and is marked seen once Kafka has it; automatic mail, bounces and PEC receipts are skipped and counted; hostile mail
 * never stops the mailbox.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(KeyringTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
@QuarkusTestResource(MailServers.class)
class MailboxTest {

    @Inject
    SealedRecords sealed;

    static final Duration PATIENCE = Duration.ofSeconds(30);

    @Inject
    CitizenKeys keys;

    @Inject
    MeterRegistry registry;

    @Test
    void aCitizensEmailBecomesOneContactKeyedAsTheirPortalFormAndIsMarkedSeen() {
        String run = AdapterConformance.newRun();
        MailServers.deliver(MailServers.URP, AdapterConformance.sample("samples/citizen.eml", run));

        CitizenContact contact = AdapterConformance.contactsOf(TestKafka.bootstrapServers(), sealed, run, 1).get(0);
        assertEquals("email", contact.channel());
        assertEquals("<" + run + ".1@mail.example.org>", contact.externalId());
        assertEquals(keys.ofForm(null, "anna.verdi@example.org", "web", null), contact.citizen().key(), "the portal's key of that email");
        assertEquals("Anna Verdi", contact.citizen().displayName());
        assertEquals("Residenza", contact.subject());
        assertEquals("Buongiorno, quando arriva la conferma del cambio di residenza? Grazie.", contact.text(), "the quoted reply left out");
        assertEquals(Instant.parse("2026-11-23T09:15:00Z"), contact.occurredAt());
        assertEquals("urp", contact.metadata().get("mailbox"));
        assertEquals(1, contact.attachments().size());
        assertEquals("application/pdf", contact.attachments().get(0).mediaType());
        assertTrue(contact.attachments().get(0).url().matches("imap://127\\.0\\.0\\.1/INBOX;UIDVALIDITY=\\d+/;UID=\\d+/;SECTION=2"),
                contact.attachments().get(0).url());
        Eventually.until(PATIENCE, () -> seen(MailServers.URP, run));
    }

    @Test
    void automaticMailBouncesAndPecReceiptsAreSkippedAndCountedWhileAPecMessageIsAContact() {
        String run = AdapterConformance.newRun();
        double autoReplies = skipped("urp", "auto-reply");
        double bounces = skipped("urp", "bounce");
        double receipts = skipped("pec", "pec-receipt");
        MailServers.deliver(MailServers.URP, mail("From: anna@example.org\nAuto-Submitted: auto-replied\nMessage-ID: <" + run
                + ".auto@x>\nSubject: Fuori sede " + run + "\n\nSono in ferie fino al 30."));
        MailServers.deliver(MailServers.URP, mail("From: MAILER-DAEMON@mx.example.org\nMessage-ID: <" + run + ".dsn@x>\n"
                + "Content-Type: multipart/report; report-type=delivery-status; boundary=\"r\"\n\n--r\nContent-Type: text/plain\n\n"
                + "Undeliverable " + run + "\n--r\nContent-Type: message/delivery-status\n\nReporting-MTA: dns; mx\n--r--\n"));
        MailServers.deliver(MailServers.PEC, mail("From: posta-certificata@pec.aruba.it\nX-Ricevuta: accettazione\nMessage-ID: <"
                + run + ".acc@pec.aruba.it>\nSubject: ACCETTAZIONE: " + run + "\n\nRicevuta di accettazione"));
        MailServers.deliver(MailServers.PEC, mail("""
                From: "Per conto di: mario.rossi@pec.it" <posta-certificata@pec.aruba.it>
                Message-ID: <opec.RUN@pec.aruba.it>
                X-Trasporto: posta-certificata
                Content-Type: multipart/mixed; boundary="m"

                --m
                Content-Type: text/plain

                Messaggio di posta certificata
                --m
                Content-Type: message/rfc822; name="postacert.eml"
                Content-Disposition: attachment; filename="postacert.eml"

                From: Mario Rossi <mario.rossi@pec.it>
                Message-ID: <RUN.orig@pec.it>
                Subject: Accesso agli atti

                Chiedo l'accesso agli atti della pratica 2026/123.
                --m--
                """.replace("RUN", run)));

        CitizenContact pec = AdapterConformance.contactsOf(TestKafka.bootstrapServers(), sealed, run, 1).get(0);
        assertEquals("<" + run + ".orig@pec.it>", pec.externalId());
        assertEquals("mario.rossi@pec.it", pec.citizen().email());
        Eventually.until(PATIENCE, () -> skipped("urp", "auto-reply") > autoReplies && skipped("urp", "bounce") > bounces
                && skipped("pec", "pec-receipt") > receipts);
        Eventually.until(PATIENCE, () -> seen(MailServers.URP, run) && seen(MailServers.PEC, run));
        assertEquals(1, recordsOf(run), "only the certified message became a contact");
    }

    @Test
    void hostileMailIsSkippedOrCleanedAndTheMailboxKeepsFlowing() {
        String run = AdapterConformance.newRun();
        double noSender = skipped("urp", "sender");
        MailServers.deliver(MailServers.URP, mail("From: a@example.org\nFrom: b@example.org\nMessage-ID: <" + run + ".two@x>\n\n" + run));
        MailServers.deliver(MailServers.URP, mail("Message-ID: <" + run + ".none@x>\n\n" + run));
        MailServers.deliver(MailServers.URP, mail("From: c@example.org\nMessage-ID: <" + run + ".cs@x>\n"
                + "Content-Type: text/plain; charset=x-klingon\n\n" + run + " nul\u0000 e controlli\u0007\u202E"));
        MailServers.deliver(MailServers.URP, mail("From: d@example.org\nMessage-ID: <" + run + ".big@x>\n\n" + run + " "
                + "parola ".repeat(10_000)));

        List<CitizenContact> contacts = AdapterConformance.contactsOf(TestKafka.bootstrapServers(), sealed, run, 2);
        assertEquals(run + " nul e controlli", contacts.stream().filter(c -> c.externalId().endsWith(".cs@x>")).findFirst().orElseThrow().text());
        CitizenContact big = contacts.stream().filter(c -> c.externalId().endsWith(".big@x>")).findFirst().orElseThrow();
        assertEquals(20_000, big.text().length());
        assertEquals("true", big.metadata().get("truncated"));
        Eventually.until(PATIENCE, () -> skipped("urp", "sender") >= noSender + 2);
        Eventually.until(PATIENCE, () -> seen(MailServers.URP, run));
    }

    private double skipped(String mailbox, String reason) {
        var counter = registry.find("ascolto.email.skipped").tags("mailbox", mailbox, "reason", reason).counter();
        return counter == null ? 0 : counter.count();
    }

    /** Whether every message of the mailbox that carries the run token is marked seen. */
    private static boolean seen(String mailbox, String run) {
        try {
            var inbox = MailServers.greenMail().getManagers().getImapHostManager()
                    .getInbox(MailServers.greenMail().getUserManager().getUser(mailbox));
            List<StoredMessage> ours = inbox.getMessages().stream().filter(m -> raw(m).contains(run)).toList();
            return !ours.isEmpty() && ours.stream().allMatch(m -> m.getFlags().contains(Flags.Flag.SEEN));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String raw(StoredMessage message) {
        try {
            var out = new java.io.ByteArrayOutputStream();
            message.getMimeMessage().writeTo(out);
            return out.toString(StandardCharsets.UTF_8);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The contacts on the topic, opened, whose text or ids carry the run. */
    private long recordsOf(String run) {
        try (TopicProbe probe = new TopicProbe(TestKafka.bootstrapServers(), Topics.CONTACTS)) {
            return probe.drain(Duration.ofSeconds(2)).stream()
                    .filter(record -> sealed.openContact(record.value())
                            .map(contact -> new String(EventJson.write(contact), StandardCharsets.UTF_8).contains(run)).orElse(false))
                    .count();
        }
    }

    private static byte[] mail(String text) {
        return text.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8);
    }

}
