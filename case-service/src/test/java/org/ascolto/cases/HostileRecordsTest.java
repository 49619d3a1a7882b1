package org.ascolto.cases;

import static org.ascolto.cases.CaseApi.given;
import static org.ascolto.cases.CaseApi.awaitCaseOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.ascolto.contracts.CaseEvent;
import org.ascolto.contracts.CitizenContact;
import org.ascolto.contracts.EventJson;
import org.ascolto.contracts.RoutedContact;
import org.ascolto.contracts.Topics;
import org.ascolto.kafka.CloudEventHeaders;
import org.ascolto.kafka.DeadLetter;
import org.ascolto.localinfra.Contacts;
import org.ascolto.localinfra.IdentityTestResource;
import org.ascolto.localinfra.KafkaTestResource;
import org.ascolto.localinfra.PostgresTestResource;
import org.ascolto.localinfra.TestKafka;
import org.ascolto.localinfra.TopicProbe;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;

/**
 * Whatever arrives on the routed topic, the consumer goes on: records it cannot store go to the DLQ alone, with their
 * reason, and the good contacts around them become cases; a newer version of a stored contact replaces it.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
@QuarkusTestResource(IdentityTestResource.class)
class HostileRecordsTest {

    @TestHTTPResource(value = "/health/ready", management = true)
    URL ready;

    @Test
    void aNulCharacterANullRecordRandomBytesAndInvalidJsonEachGoToTheDlqAndTheContactsAroundThemAreStored() {
        // one key: every record in one partition, in this order, most likely in one polled batch
        String key = "hostile-" + UUID.randomUUID();
        CitizenContact before = Contacts.contact("web", Contacts.newCitizenKey(), "orari dell'anagrafe di via Larga");
        CitizenContact nul = Contacts.contact("web", Contacts.newCitizenKey(), "buca in via Padova\u0000 davanti al civico 12");
        CitizenContact after = Contacts.contact("whatsapp", Contacts.newCitizenKey(), "quando passa la raccolta del vetro?");
        byte[] random = new byte[512];
        new Random(13).nextBytes(random);
        TestKafka.send(List.of(
                routed(key, before),
                routed(key, nul),
                new ProducerRecord<>(Topics.CONTACTS_ROUTED, null, key, null),
                new ProducerRecord<>(Topics.CONTACTS_ROUTED, null, key, random),
                new ProducerRecord<>(Topics.CONTACTS_ROUTED, null, key, "{\"contact\":".getBytes(StandardCharsets.UTF_8)),
                routed(key, after)));

        awaitCaseOf(before.contactId());
        awaitCaseOf(after.contactId());
        Map<String, String> reasons;
        try (TopicProbe dlq = new TopicProbe(TestKafka.bootstrapServers(), Topics.CONTACTS_DLQ)) {
            reasons = dlq.await(r -> key.equals(r.key()), 4, CaseApi.PATIENCE).stream()
                    .collect(Collectors.toMap(r -> String.valueOf(r.offset()), HostileRecordsTest::reason));
        }
        assertEquals(4, reasons.size(), reasons.toString());
        List<String> sorted = reasons.values().stream().sorted().toList();
        assertTrue(sorted.stream().anyMatch(r -> r.startsWith("the database refused it: SQLSTATE 22")), sorted.toString());
        assertTrue(sorted.stream().anyMatch(r -> r.startsWith("no value")), sorted.toString());
        assertEquals(2, sorted.stream().filter(r -> r.startsWith("malformed JSON")).count(), sorted.toString());
        assertTrue(sorted.stream().noneMatch(r -> r.contains("Padova")), "no personal data in a reason: " + sorted);
        given().get("/api/v1/contacts/" + nul.contactId()).then().statusCode(404);

        CitizenContact later = Contacts.contact("phone", Contacts.newCitizenKey(), "rinnovo carta d'identità");
        TestKafka.send(List.of(routed(key, later)));
        awaitCaseOf(later.contactId());
        RestAssured.given().get(ready).then().statusCode(200);
    }

    @Test
    void aNewerVersionOfAStoredContactReplacesItsTextAndAnOlderOneChangesNothing() {
        String citizen = Contacts.newCitizenKey();
        Instant call = Instant.parse("2026-11-23T09:58:00Z");
        CitizenContact first = version(Contacts.contact("phone", "CTR-" + UUID.randomUUID(), citizen, "chiede info TARI"), call);
        TestKafka.send(List.of(Contacts.routedRecord(first, Contacts.decision("taxes", false))));
        String caseId = awaitCaseOf(first.contactId()).getString("id");

        CitizenContact completed = version(first, call.plusSeconds(300), "chiede info TARI. Richiamato: pagamento rateizzato.");
        CitizenContact stale = version(first, call.plusSeconds(60), "chiede info TARI (bozza)");
        TestKafka.send(List.of(Contacts.routedRecord(completed, Contacts.decision("taxes", true)),
                Contacts.routedRecord(stale, Contacts.decision("taxes", false))));

        JsonPath updated = eventuallyText(first.contactId(), completed.text());
        assertEquals(caseId, updated.getString("id"));
        assertEquals(1, updated.getInt("contactCount"));
        assertEquals("URGENT", updated.getString("priority"));
        assertEquals(call.plusSeconds(300).toString(), updated.getString("contacts[0].updatedAt"));
        try (TopicProbe events = new TopicProbe(TestKafka.bootstrapServers(), Topics.CASE_EVENTS)) {
            var types = events.await(r -> caseId.equals(r.key()), 2, CaseApi.PATIENCE).stream()
                    .map(r -> CloudEventHeaders.text(r.headers(), CloudEventHeaders.TYPE).orElseThrow()).toList();
            assertEquals(List.of(CaseEvent.OPENED, CaseEvent.CONTACT_UPDATED), types);
        }
    }

    private static JsonPath eventuallyText(UUID contactId, String text) {
        Instant deadline = Instant.now().plus(CaseApi.PATIENCE);
        while (Instant.now().isBefore(deadline)) {
            JsonPath found = awaitCaseOf(contactId);
            if (text.equals(found.getString("contacts[0].text"))) {
                return found;
            }
            CaseApi.pause();
        }
        throw new AssertionError("contact " + contactId + " never showed " + text);
    }

    private static CitizenContact version(CitizenContact contact, Instant updatedAt) {
        return version(contact, updatedAt, contact.text());
    }

    private static CitizenContact version(CitizenContact c, Instant updatedAt, String text) {
        return new CitizenContact(c.contactId(), c.channel(), c.externalId(), c.occurredAt(), c.receivedAt(), c.citizen(),
                c.subject(), text, c.language(), c.location(), c.attachments(), c.conversationRef(), c.metadata(),
                c.schemaVersion(), updatedAt);
    }

    private static ProducerRecord<String, byte[]> routed(String key, CitizenContact contact) {
        ProducerRecord<String, byte[]> record = Contacts.routedRecord(contact, Contacts.decision("other", false));
        return new ProducerRecord<>(Topics.CONTACTS_ROUTED, null, key, EventJson.write(new RoutedContact(contact,
                Contacts.decision("other", false))), record.headers());
    }

    private static String reason(ConsumerRecord<String, byte[]> record) {
        return CloudEventHeaders.text(record.headers(), DeadLetter.REASON).orElse("");
    }
}
