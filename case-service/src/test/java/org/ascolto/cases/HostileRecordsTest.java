package org.ascolto.cases;

import static org.ascolto.cases.CaseApi.awaitCaseOf;
import static org.ascolto.cases.CaseApi.given;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.ascolto.contracts.CaseEvent;
import org.ascolto.contracts.CitizenContact;
import org.ascolto.contracts.Topics;
import org.ascolto.kafka.CloudEventHeaders;
import org.ascolto.kafka.DeadLetter;
import org.ascolto.keyring.Keyring;
import org.ascolto.keyring.SealedRecords;
import org.ascolto.localinfra.Contacts;
import org.ascolto.localinfra.Eventually;
import org.ascolto.localinfra.HostileRecords;
import org.ascolto.localinfra.IdentityTestResource;
import org.ascolto.localinfra.KafkaTestResource;
import org.ascolto.localinfra.KeyringTestResource;
import org.ascolto.localinfra.PostgresTestResource;
import org.ascolto.localinfra.PrometheusText;
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
@QuarkusTestResource(KeyringTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
@QuarkusTestResource(IdentityTestResource.class)
class HostileRecordsTest {

    @Inject
    SealedRecords sealed;

    @Inject
    Keyring keyring;

    private static final Map<String, String> INTAKE = Map.of("consumer", "routed-contacts");

    @TestHTTPResource(value = "/health/ready", management = true)
    URL ready;

    @TestHTTPResource(value = "/metrics", management = true)
    URL metrics;

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
    void aSealedFieldThatIsNoSealedBlobGoesToTheDlqAsItCameAndAnErasedCitizensContactIsSkipped() {
        String key = "sealed-" + UUID.randomUUID();
        CitizenContact contact = Contacts.contact("web", Contacts.newCitizenKey(), "il parcheggio di via Ripamonti");
        List<byte[]> hostile = HostileRecords.notSealed(routed(key, contact).value());
        CitizenContact ofAnErased = Contacts.contact("web", Contacts.newCitizenKey(), "il parcheggio di via Ripamonti");
        ProducerRecord<String, byte[]> erased = routed(key, ofAnErased);
        keyring.erase(List.of(ofAnErased.citizen().key()));
        CitizenContact after = Contacts.contact("web", Contacts.newCitizenKey(), "quando apre l'anagrafe?");
        PrometheusText before = scrape();
        List<ProducerRecord<String, byte[]>> records = new ArrayList<>();
        hostile.forEach(value -> records.add(new ProducerRecord<>(Topics.CONTACTS_ROUTED, null, key, value)));
        records.add(erased);
        records.add(routed(key, after));
        TestKafka.send(records);

        awaitCaseOf(after.contactId());
        List<ConsumerRecord<String, byte[]>> rejected;
        try (TopicProbe dlq = new TopicProbe(TestKafka.bootstrapServers(), Topics.CONTACTS_DLQ)) {
            rejected = dlq.await(r -> key.equals(r.key()), 4, CaseApi.PATIENCE);
        }
        assertEquals(4, rejected.size());
        for (int i = 0; i < hostile.size(); i++) {
            assertArrayEquals(hostile.get(i), rejected.get(i).value(), "the dead letter keeps the value as it came");
            assertTrue(reason(rejected.get(i)).contains("sealed"), reason(rejected.get(i)));
            assertFalse(reason(rejected.get(i)).contains("Ripamonti"), reason(rejected.get(i)));
        }
        given().get("/api/v1/contacts/" + ofAnErased.contactId()).then().statusCode(404);
        PrometheusText later = scrape();
        assertEquals(1, later.sum("ascolto_erased_records_total", Map.of("topic", Topics.CONTACTS_ROUTED))
                - before.sum("ascolto_erased_records_total", Map.of("topic", Topics.CONTACTS_ROUTED)));
        RestAssured.given().get(ready).then().statusCode(200);
    }

    /**
     * The DLQ refuses the dead letter of a record the database refused (here it takes no record of its size, until an
     * operator raises its limit): the consumer waits, readiness DOWN, sends it again until the DLQ takes it, and goes on.
     */
    @Test
    void aDeadLetterTheDlqRefusesIsSentAgainUntilItTakesItWithTheConsumerWaitingMeanwhile() throws Exception {
        String key = "refused-dlq-" + UUID.randomUUID();
        CitizenContact nul = Contacts.contact("web", Contacts.newCitizenKey(), "lampione spento\u0000 in via Padova");
        CitizenContact after = Contacts.contact("web", Contacts.newCitizenKey(), "orari della biblioteca di Affori");
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers()))) {
            limitDlqRecordSize(admin, "64");
            try {
                TestKafka.send(List.of(routed(key, nul), routed(key, after)));
                Eventually.until(CaseApi.PATIENCE, () -> scrape().sum("ascolto_consumer_waiting", INTAKE) == 1);
                RestAssured.given().get(ready).then().statusCode(503);
            } finally {
                limitDlqRecordSize(admin, "1048588");
            }
        }
        awaitCaseOf(after.contactId());
        try (TopicProbe dlq = new TopicProbe(TestKafka.bootstrapServers(), Topics.CONTACTS_DLQ)) {
            List<String> reasons = dlq.await(r -> key.equals(r.key()), 1, CaseApi.PATIENCE).stream().map(HostileRecordsTest::reason).toList();
            assertEquals(1, reasons.size(), reasons.toString());
            assertTrue(reasons.get(0).startsWith("the database refused it: SQLSTATE 22"), reasons.toString());
        }
        Eventually.until(CaseApi.PATIENCE, () -> scrape().sum("ascolto_consumer_waiting", INTAKE) == 0);
        RestAssured.given().get(ready).then().statusCode(200);
    }

    private static void limitDlqRecordSize(Admin admin, String bytes) throws Exception {
        ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, Topics.CONTACTS_DLQ);
        admin.incrementalAlterConfigs(Map.of(topic, List.of(new AlterConfigOp(
                new ConfigEntry("max.message.bytes", bytes), AlterConfigOp.OpType.SET)))).all().get();
    }

    private PrometheusText scrape() {
        return PrometheusText.parse(RestAssured.given().get(metrics).then().statusCode(200).extract().asString());
    }

    @Test
    void aNewerVersionOfAStoredContactReplacesItsTextAndAnOlderOneChangesNothing() {
        String citizen = Contacts.newCitizenKey();
        Instant call = Instant.parse("2026-11-23T09:58:00Z");
        CitizenContact first = version(Contacts.contact("phone", "CTR-" + UUID.randomUUID(), citizen, "chiede info TARI"), call);
        TestKafka.send(List.of(Contacts.routedRecord(first, Contacts.decision("taxes", false), sealed::routed)));
        String caseId = awaitCaseOf(first.contactId()).getString("id");

        CitizenContact completed = version(first, call.plusSeconds(300), "chiede info TARI. Richiamato: pagamento rateizzato.");
        CitizenContact stale = version(first, call.plusSeconds(60), "chiede info TARI (bozza)");
        TestKafka.send(List.of(Contacts.routedRecord(completed, Contacts.decision("taxes", true), sealed::routed),
                Contacts.routedRecord(stale, Contacts.decision("taxes", false), sealed::routed)));

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

    private ProducerRecord<String, byte[]> routed(String key, CitizenContact contact) {
        ProducerRecord<String, byte[]> record = Contacts.routedRecord(contact, Contacts.decision("other", false), sealed::routed);
        return new ProducerRecord<>(Topics.CONTACTS_ROUTED, null, key, record.value(), record.headers());
    }

    private static String reason(ConsumerRecord<String, byte[]> record) {
        return CloudEventHeaders.text(record.headers(), DeadLetter.REASON).orElse("");
    }
}
