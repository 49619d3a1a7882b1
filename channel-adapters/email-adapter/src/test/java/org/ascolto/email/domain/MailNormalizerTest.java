package org.ascolto.email.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import org.ascolto.adapter.AcceptableContacts;
import org.ascolto.conformance.IntakeProperties;
import org.ascolto.contracts.CitizenContact;
import org.junit.jupiter.api.Test;

class MailNormalizerTest {

    private static final Instant RECEIVED = Instant.parse("2026-11-23T09:20:00Z");
    private final MailNormalizer normalizer = new MailNormalizer(IntakeProperties.citizenKeys());

    @Test
    void theSenderIsTheCitizenKeyedAsThePortalKeysTheSameEmail() {
        CitizenContact contact = contact("""
                From: "Verdi, Anna" <Anna.Verdi@Example.ORG>
                Message-ID: <abc.1@mail.example.org>
                Date: Mon, 23 Nov 2026 10:15:00 +0100
                Subject: =?UTF-8?Q?Residenza_gi=C3=A0_chiesta?=
                Content-Type: text/plain; charset=UTF-8

                Buongiorno, quando arriva la conferma?
                """);
        assertEquals(IntakeProperties.citizenKeys().ofForm(null, "anna.verdi@example.org", "web", null), contact.citizen().key());
        assertEquals("anna.verdi@example.org", contact.citizen().email());
        assertEquals("Verdi, Anna", contact.citizen().displayName());
        assertEquals("<abc.1@mail.example.org>", contact.externalId());
        assertEquals("Residenza già chiesta", contact.subject());
        assertEquals("Buongiorno, quando arriva la conferma?", contact.text());
        assertEquals(Instant.parse("2026-11-23T09:15:00Z"), contact.occurredAt());
        assertEquals("<abc.1@mail.example.org>", contact.conversationRef(), "a first message starts its own thread");
    }

    @Test
    void aReplyKeepsOnlyWhatIsNewAndNamesItsThreadByTheFirstMessage() {
        CitizenContact contact = contact("""
                From: anna@example.org
                Message-ID: <abc.3@mail.example.org>
                In-Reply-To: <reply-1@comune.milano.it>
                References: <abc.1@mail.example.org> <reply-1@comune.milano.it>
                Content-Type: text/plain; charset=UTF-8

                Grazie, allego il documento.

                Il giorno lun 23 nov 2026 alle ore 12:00 Comune di Milano <noreply@comune.milano.it>
                ha scritto:
                > Gentile signora, ci manda il documento?
                """);
        assertEquals("Grazie, allego il documento.", contact.text());
        assertEquals("<abc.1@mail.example.org>", contact.conversationRef());
    }

    @Test
    void anHtmlOnlyMessageIsReadAsTextWithoutTheQuotedMessageAndAttachmentsAreReferences() {
        CitizenContact contact = contact("""
                From: anna@example.org
                Message-ID: <abc.4@mail.example.org>
                Content-Type: multipart/mixed; boundary="b"

                --b
                Content-Type: text/html; charset=ISO-8859-1
                Content-Transfer-Encoding: quoted-printable

                <html><head><style>p{color:red}</style></head><body><p>La buca in via Tortona =E8 ancora l=EC.</p>\
                <div>Foto allegata.</div><div class=3D"gmail_quote">Il 20 nov ha scritto: vecchio</div></body></html>
                --b
                Content-Type: image/jpeg; name="buca.jpg"
                Content-Disposition: attachment; filename="buca.jpg"
                Content-Transfer-Encoding: base64

                /9j/4AAQSkZJRgABAQ==
                --b--
                """);
        assertEquals("La buca in via Tortona è ancora lì.\nFoto allegata.", contact.text());
        assertEquals(List.of(new CitizenContact.Attachment("mid:%3Cabc.4%40mail.example.org%3E#section=2", "image/jpeg")),
                contact.attachments());
    }

    @Test
    void automaticMailIsSkippedWithItsReason() {
        assertEquals(SkipReason.AUTO_REPLY, skipped("From: a@example.org\nAuto-Submitted: auto-replied\n\nFuori sede"));
        assertEquals(SkipReason.AUTO_REPLY, skipped("From: a@example.org\nX-Autoreply: yes\n\nIn vacanza"));
        assertEquals(SkipReason.AUTO_REPLY, skipped("From: a@example.org\nPrecedence: bulk\n\nNewsletter"));
        assertEquals(SkipReason.BOUNCE, skipped("""
                From: Mail Delivery System <MAILER-DAEMON@mx.example.org>
                Content-Type: multipart/report; report-type=delivery-status; boundary="r"

                --r
                Content-Type: text/plain

                Delivery failed
                --r
                Content-Type: message/delivery-status

                Reporting-MTA: dns; mx.example.org
                --r--
                """));
        assertEquals(SkipReason.PEC_RECEIPT, skipped("""
                From: posta-certificata@pec.aruba.it
                X-Ricevuta: avvenuta-consegna
                Subject: CONSEGNA: Risposta alla pratica

                Ricevuta di avvenuta consegna
                """));
        CitizenContact notAutomatic = contact("From: a@example.org\nAuto-Submitted: no\nMessage-ID: <x@y>\n\nUna richiesta");
        assertEquals("Una richiesta", notAutomatic.text());
    }

    @Test
    void aPecMessageIsTheCitizensMessageInsideTheProvidersEnvelope() {
        String envelope = """
                From: "Per conto di: mario.rossi@pec.it" <posta-certificata@pec.aruba.it>
                Reply-To: mario.rossi@pec.it
                Message-ID: <opec21.2026@pec.aruba.it>
                X-Trasporto: posta-certificata
                Content-Type: multipart/signed; protocol="application/pkcs7-signature"; micalg=sha-256; boundary="s"

                --s
                Content-Type: multipart/mixed; boundary="m"

                --m
                Content-Type: text/plain; charset=UTF-8

                Messaggio di posta certificata inviato da "mario.rossi@pec.it"
                --m
                Content-Type: application/xml; name="daticert.xml"
                Content-Disposition: attachment; filename="daticert.xml"

                <postacert tipo="posta-certificata" errore="nessuno"/>
                --m
                Content-Type: message/rfc822; name="postacert.eml"
                Content-Disposition: attachment; filename="postacert.eml"

                From: Mario Rossi <mario.rossi@pec.it>
                Message-ID: <orig.1@pec.it>
                Subject: Accesso agli atti
                Content-Type: multipart/mixed; boundary="i"

                --i
                Content-Type: text/plain; charset=UTF-8

                Chiedo l'accesso agli atti della pratica 2026/123.
                --i
                Content-Type: application/pdf; name="delega.pdf"
                Content-Disposition: attachment; filename="delega.pdf"

                %PDF-1.4
                --i--
                --m--
                --s
                Content-Type: application/pkcs7-signature; name="smime.p7s"
                Content-Transfer-Encoding: base64

                MIAGCSqGSIb3DQEHAqCAMIACAQE=
                --s--
                """;
        InboundMail mail = normalizer.read(bytes(envelope), new MailOrigin("pec", true, (id, section) -> "x:" + section), RECEIVED);
        CitizenContact contact = assertInstanceOf(InboundMail.Contact.class, mail).contact();
        assertEquals("mario.rossi@pec.it", contact.citizen().email());
        assertEquals("<orig.1@pec.it>", contact.externalId());
        assertEquals("Chiedo l'accesso agli atti della pratica 2026/123.", contact.text());
        assertEquals("true", contact.metadata().get("pec"));
        assertEquals(List.of(new CitizenContact.Attachment("x:1.3.2", "application/pdf")), contact.attachments(),
                "the section of the attachment within the envelope, as IMAP numbers it");
    }

    @Test
    void noSingleValidSenderIsSkipped() {
        assertEquals(SkipReason.SENDER, skipped("To: urp@comune.milano.it\n\nSenza mittente"));
        assertEquals(SkipReason.SENDER, skipped("From: a@example.org\nFrom: b@example.org\n\nDue mittenti"));
        assertEquals(SkipReason.SENDER, skipped("From: a@example.org, b@example.org\n\nDue indirizzi"));
        assertEquals(SkipReason.SENDER, skipped("From: not an address\n\nTesto"));
    }

    @Test
    void aMessageWithoutMessageIdIsNamedByItsBytesSoReadingItTwiceIsOneContact() {
        String raw = "From: a@example.org\nSubject: senza id\n\nTesto";
        CitizenContact first = contact(raw);
        assertTrue(first.externalId().startsWith("sha256:"));
        assertEquals(first.contactId(), contact(raw).contactId());
        assertTrue(contact("From: a@example.org\nMessage-ID: not an id\n\nTesto").externalId().startsWith("sha256:"),
                "a Message-ID without its brackets is no id");
    }

    @Test
    void hostileContentIsCleanedOrBounded() {
        String deep = "Content-Type: multipart/mixed; boundary=\"d0\"\n\n";
        StringBuilder nested = new StringBuilder("From: a@example.org\nMessage-ID: <deep@x>\n" + deep);
        for (int i = 1; i < 60; i++) {
            nested.append("--d").append(i - 1).append("\nContent-Type: multipart/mixed; boundary=\"d").append(i).append("\"\n\n");
        }
        nested.append("--d59\nContent-Type: text/plain\n\nin fondo\n");
        CitizenContact deepContact = contact(nested.toString());
        assertEquals("true", deepContact.metadata().get("partsOmitted"));

        CitizenContact unknownCharset = contact("From: a@example.org\nMessage-ID: <cs@x>\nContent-Type: text/plain; charset=x-klingon\n\nciao è");
        assertEquals("ciao è", unknownCharset.text());

        CitizenContact brokenBase64 = contact("From: a@example.org\nMessage-ID: <b64@x>\nContent-Type: text/plain; charset=UTF-8\n"
                + "Content-Transfer-Encoding: base64\n\nQnVvbmdpb3Ju!!!?bw==");
        assertFalse(brokenBase64.text().isEmpty());

        CitizenContact controls = AcceptableContacts.cleaned(List.of(contact(
                "From: a@example.org\nMessage-ID: <nul@x>\nSubject: a\u0007b\n\nuno\u0000due\u202Etre"))).get(0);
        assertEquals("unoduetre", controls.text());
        assertEquals("ab", controls.subject());

        CitizenContact huge = contact("From: a@example.org\nMessage-ID: <huge@x>\n\nx" + "😀".repeat(15_000));
        assertEquals(MailNormalizer.MAX_TEXT - 1, huge.text().length(), "cut before a pair is split");
        assertEquals("true", huge.metadata().get("truncated"));
    }

    @Test
    void aBounceThatSaysDeliveryFailedNamesTheMessagesItReturnsAndTheServersCode() {
        String dsn = """
                From: Mail Delivery System <MAILER-DAEMON@mx.comune.milano.it>
                To: noreply@comune.milano.it
                Auto-Submitted: auto-replied
                In-Reply-To: <reply-1@comune.milano.it>
                Content-Type: multipart/report; report-type=delivery-status; boundary="r"

                --r
                Content-Type: text/plain

                Delivery to giulia@example.org failed permanently.
                --r
                Content-Type: message/delivery-status

                Reporting-MTA: dns; mx.comune.milano.it

                Final-Recipient: rfc822; giulia@example.org
                Action: failed
                Status: 5.1.1
                Diagnostic-Code: smtp; 550 5.1.1 <giulia@example.org>: Recipient address rejected
                --r
                Content-Type: RETURNED

                From: noreply@comune.milano.it
                Message-ID: <reply-2@comune.milano.it>
                Subject: Re: la sua richiesta

                --r--
                """;
        assertEquals(new InboundMail.Bounced(List.of("<reply-1@comune.milano.it>", "<reply-2@comune.milano.it>"), 550),
                normalizer.read(bytes(dsn.replace("RETURNED", "text/rfc822-headers")), MailOrigin.delivered("test"), RECEIVED));
        assertEquals(new InboundMail.Bounced(List.of("<reply-1@comune.milano.it>", "<reply-2@comune.milano.it>"), 500),
                normalizer.read(bytes(dsn.replace("RETURNED", "message/rfc822").replaceAll("Diagnostic-Code:.*\n", "")),
                        MailOrigin.delivered("test"), RECEIVED));
        assertEquals(SkipReason.BOUNCE, skipped(dsn.replace("Action: failed", "Action: delayed").replace("Status: 5.1.1", "Status: 4.4.1")
                .replaceAll("Diagnostic-Code:.*\n", "")), "a delay is no failure yet");
        assertEquals(SkipReason.BOUNCE, skipped(dsn.replace("In-Reply-To: <reply-1@comune.milano.it>\n", "")
                .replace("Message-ID: <reply-2@comune.milano.it>\n", "")), "a failure of no message it names");
    }

    private CitizenContact contact(String raw) {
        return assertInstanceOf(InboundMail.Contact.class, normalizer.read(bytes(raw), MailOrigin.delivered("test"), RECEIVED)).contact();
    }

    private SkipReason skipped(String raw) {
        return assertInstanceOf(InboundMail.Skipped.class, normalizer.read(bytes(raw), MailOrigin.delivered("test"), RECEIVED)).reason();
    }

    private static byte[] bytes(String raw) {
        return raw.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8);
    }
}
