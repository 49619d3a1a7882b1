package org.ascolto.simulator.channels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.Set;

import org.ascolto.contracts.ContactIds;
import org.ascolto.contracts.EventJson;
import org.ascolto.simulator.traffic.Channel;
import org.ascolto.simulator.traffic.Citizens;
import org.ascolto.simulator.traffic.Contact;
import org.ascolto.simulator.traffic.CorpusMessage;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

class AdapterRequestsTest {

    private static final Instant NOW = Instant.parse("2026-03-02T09:30:00Z");
    private final AdapterRequests requests = new AdapterRequests(AdapterEndpoints.fromEnvironment("127.0.0.1"), "run1");
    private final CorpusMessage message = new CorpusMessage(
            "Buongiorno, x il cambio di residenza quanto ci vuole? Ho fatto domanda il 3 marzo", "registry-office", false, "it", "whatsapp");

    private Contact contact(Channel channel, long sequence) {
        return new Contact(sequence, channel, new Citizens(new Random(1), "run1").next(), message, false);
    }

    @Test
    void signatureIsTheHexHmacSha256OfTheRawBody() {
        assertEquals("sha256=9131596987941d0bec4a1a2b72a537128b5265a321da6e5071d987726870e414",
                Signatures.sha256("local-whatsapp-app-secret", "{\"object\":\"whatsapp_business_account\"}".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void whatsappWebhookCarriesTheTextMessageSignedWithTheAppSecret() {
        Delivery delivery = requests.delivery(contact(Channel.WHATSAPP, 7), NOW);
        JsonNode value = EventJson.parse(delivery.body()).at("/entry/0/changes/0/value");

        assertEquals("http://127.0.0.1:8082/webhooks/whatsapp", delivery.uri().toString());
        assertEquals(Signatures.sha256("local-whatsapp-app-secret", delivery.body()), delivery.headers().get("X-Hub-Signature-256"));
        assertEquals(message.text(), value.at("/messages/0/text/body").asText());
        assertEquals("text", value.at("/messages/0/type").asText());
        assertEquals(value.at("/contacts/0/wa_id").asText(), value.at("/messages/0/from").asText());
        assertEquals(Long.toString(NOW.getEpochSecond()), value.at("/messages/0/timestamp").asText());
    }

    @Test
    void anEmailIsTheMessageAsTheMailServerDeliversItSignedWithItsMessageIdAsTheExternalId() {
        Delivery delivery = requests.delivery(contact(Channel.EMAIL, 9), NOW);
        String mail = new String(delivery.body(), StandardCharsets.US_ASCII);

        assertEquals("http://127.0.0.1:8091/api/v1/messages", delivery.uri().toString());
        assertEquals("message/rfc822", delivery.headers().get("Content-Type"));
        assertEquals(Signatures.sha256("local-email-signing-secret", delivery.body()), delivery.headers().get("X-Ascolto-Signature-256"));
        assertEquals(List.of("<sim-run1-9@mail.example.org>"), delivery.externalIds());
        assertTrue(mail.contains("\r\nMessage-ID: <sim-run1-9@mail.example.org>\r\n"), mail);
        assertTrue(mail.contains("\r\nDate: Mon, 2 Mar 2026 09:30:00 GMT\r\n"), mail);
        String[] headersAndBody = mail.split("\r\n\r\n", 2);
        assertEquals(message.text(), new String(Base64.getMimeDecoder().decode(headersAndBody[1].strip()), StandardCharsets.UTF_8));
        assertTrue(StandardCharsets.US_ASCII.newEncoder().canEncode(mail), "headers in ASCII, the text in base64");
    }

    @Test
    void facebookSendsMessagesAndComments() {
        JsonNode message = EventJson.parse(requests.delivery(contact(Channel.FACEBOOK, 1), NOW).body());
        JsonNode comment = EventJson.parse(requests.delivery(contact(Channel.FACEBOOK, 3), NOW).body());

        assertEquals("page", message.get("object").asText());
        assertEquals(this.message.text(), message.at("/entry/0/messaging/0/message/text").asText());
        assertEquals("feed", comment.at("/entry/0/changes/0/field").asText());
        assertEquals("comment", comment.at("/entry/0/changes/0/value/item").asText());
        assertEquals(this.message.text(), comment.at("/entry/0/changes/0/value/message").asText());
    }

    @Test
    void instagramCommentsArriveOnTheCommentsField() {
        Delivery delivery = requests.delivery(contact(Channel.INSTAGRAM, 3), NOW);
        JsonNode comment = EventJson.parse(delivery.body());

        assertEquals("http://127.0.0.1:8083/webhooks/meta", delivery.uri().toString());
        assertEquals(Signatures.sha256("local-meta-app-secret", delivery.body()), delivery.headers().get("X-Hub-Signature-256"));
        assertEquals("instagram", comment.get("object").asText());
        assertEquals("comments", comment.at("/entry/0/changes/0/field").asText());
        assertEquals(this.message.text(), comment.at("/entry/0/changes/0/value/text").asText());
    }

    @Test
    void phoneCallIsAContactTraceRecordWithTheWrapUpNoteAndIvrChoice() {
        Contact call = contact(Channel.PHONE, 12);
        Delivery delivery = requests.delivery(call, NOW);
        JsonNode record = EventJson.parse(delivery.body()).get(0);

        assertEquals("http://127.0.0.1:8084/api/v1/contact-records", delivery.uri().toString());
        assertEquals(Signatures.sha256("local-phone-signing-secret", delivery.body()), delivery.headers().get("X-Ascolto-Signature-256"));
        assertEquals(call.citizen().phone(), record.at("/CustomerEndpoint/Address").asText());
        assertEquals(message.text(), record.at("/Attributes/wrapUpNote").asText());
        assertEquals("1", record.at("/Attributes/ivrChoice").asText());
        assertEquals("Anagrafe", record.at("/Queue/Name").asText());
        assertTrue(Instant.parse(record.get("InitiationTimestamp").asText()).isBefore(Instant.parse(record.get("DisconnectTimestamp").asText())));
        assertEquals(record.get("ContactId"), EventJson.parse(requests.delivery(call, NOW.plusSeconds(60)).body()).get(0).get("ContactId"),
                "a redelivered record keeps its ContactId");
    }

    @Test
    void callsDeliveredTogetherAreOneSignedArrayOfRecordsWithAContactIdEach() {
        List<Contact> calls = List.of(contact(Channel.PHONE, 12), contact(Channel.PHONE, 13), contact(Channel.PHONE, 14));
        Delivery delivery = requests.contactRecords(calls, NOW);
        JsonNode records = EventJson.parse(delivery.body());

        assertEquals(Signatures.sha256("local-phone-signing-secret", delivery.body()), delivery.headers().get("X-Ascolto-Signature-256"));
        assertEquals(3, records.size());
        assertEquals(calls, delivery.contacts());
        for (int i = 0; i < calls.size(); i++) {
            assertEquals(delivery.externalIds().get(i), records.get(i).get("ContactId").asText());
            assertEquals(ContactIds.of("phone", records.get(i).get("ContactId").asText()), delivery.contactIds().get(i));
        }
        assertEquals(3, Set.copyOf(delivery.contactIds()).size());
    }

    @Test
    void portalFormHasASubjectAndTheIdempotencyKeyItResendsOnADoubleClick() {
        Delivery delivery = requests.delivery(contact(Channel.WEB, 5), NOW);
        JsonNode form = EventJson.parse(delivery.body());

        assertEquals("sim-run1-5", delivery.headers().get("Idempotency-Key"));
        assertEquals("Buongiorno, x il cambio di residenza quanto ci vuole?", form.get("subject").asText());
        assertTrue(form.get("email").asText().endsWith(".run1@example.org"));
        assertEquals(List.of("name", "email", "phone", "subject", "message", "privacyConsent"), List.copyOf(iterable(form)));
        assertTrue(form.get("privacyConsent").asBoolean());
    }

    @Test
    void reportsAboutAPlaceCarryAPointInMilan() {
        CorpusMessage pothole = new CorpusMessage("Semaforo rotto in viale Monza angolo via Padova", "mobility", false, "it", "web");
        JsonNode form = EventJson.parse(requests.delivery(new Contact(42, Channel.WEB,
                new Citizens(new Random(1), "run1").next(), pothole, false), NOW).body());

        assertEquals(45.46, form.get("latitude").asDouble(), 0.05);
        assertEquals(9.19, form.get("longitude").asDouble(), 0.07);
    }

    @Test
    void longFirstSentenceIsCutForTheSubject() {
        String subject = AdapterRequests.subjectOf("a".repeat(100));
        assertEquals(60, subject.length());
        assertTrue(subject.endsWith("..."));
    }

    private static List<String> iterable(JsonNode node) {
        List<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
