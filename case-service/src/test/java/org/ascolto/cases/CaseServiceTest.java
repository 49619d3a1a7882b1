package org.ascolto.cases;

import static org.ascolto.cases.CaseApi.awaitCaseOf;
import static org.ascolto.cases.CaseApi.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.ascolto.cases.domain.ReceivedContact;
import org.ascolto.cases.persistence.ThreadingStore;
import org.ascolto.contracts.CitizenContact;
import org.ascolto.contracts.EventJson;
import org.ascolto.contracts.RoutedContact;
import org.ascolto.contracts.Topics;
import org.ascolto.kafka.CloudEventHeaders;
import org.ascolto.keyring.SealedRecords;
import org.ascolto.localinfra.Contacts;
import org.ascolto.localinfra.IdentityTestResource;
import org.ascolto.localinfra.KafkaTestResource;
import org.ascolto.localinfra.KeyringTestResource;
import org.ascolto.localinfra.PostgresTestResource;
import org.ascolto.localinfra.TestKafka;
import org.ascolto.localinfra.TestTables;
import org.ascolto.localinfra.TopicProbe;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(KeyringTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
@QuarkusTestResource(IdentityTestResource.class)
class CaseServiceTest {

    @Inject
    SealedRecords sealed;

    @Inject
    ThreadingStore threading;

    @Test
    void aRedeliveredContactIsStoredOnceOnOneCase() {
        String citizen = Contacts.newCitizenKey();
        CitizenContact contact = Contacts.contact("whatsapp", citizen, "quando scade la TARI?");
        var record = Contacts.routedRecord(contact, Contacts.decision("taxes", false), sealed::routed);
        TestKafka.send(List.of(record, record, record));

        JsonPath found = awaitCaseOf(contact.contactId());
        assertEquals(1, found.getList("contacts").size());
        given().get("/api/v1/cases/" + found.getString("id")).then().statusCode(200)
                .body("reference", matchesPattern("MI-\\d{4}-\\d{6}"))
                .body("status", equalTo("NEW"))
                .body("category", equalTo("taxes"))
                .body("firstChannel", equalTo("whatsapp"))
                .body("contactCount", equalTo(1))
                .body("contacts[0].contactId", equalTo(contact.contactId().toString()));
        assertEquals(1L, contactRows(contact.contactId()));
    }

    @Test
    void aCitizensNextContactInTheSameCategoryJoinsTheOpenCaseWhateverTheChannel() {
        String citizen = Contacts.newCitizenKey();
        CitizenContact first = Contacts.contact("phone", citizen, "semaforo rotto in viale Monza");
        CitizenContact second = Contacts.contactAt(first.occurredAt().plusSeconds(60), "whatsapp", UUID.randomUUID().toString(),
                citizen, "il semaforo è ancora rotto!! 🚦");
        CitizenContact other = Contacts.contact("web", citizen, "vorrei pagare una multa");
        TestKafka.send(List.of(
                Contacts.routedRecord(first, Contacts.decision("mobility", false), sealed::routed),
                Contacts.routedRecord(second, Contacts.decision("mobility", true), sealed::routed),
                Contacts.routedRecord(other, Contacts.decision("fines", false), sealed::routed)));

        JsonPath thread = awaitCaseOf(second.contactId());
        assertEquals(awaitCaseOf(first.contactId()).getString("id"), thread.getString("id"));
        assertEquals(List.of("phone", "whatsapp"), thread.getList("contacts.channel"));
        assertEquals("URGENT", thread.getString("priority"));
        assertNotEquals(thread.getString("id"), awaitCaseOf(other.contactId()).getString("id"));
    }

    @Test
    void contactsOfOneCitizenStoredAtTheSameMomentOpenOneCaseAndARepeatedContactOneRow() throws Exception {
        String citizen = Contacts.newCitizenKey();
        List<ReceivedContact> contacts = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            RoutedContact routed = new RoutedContact(Contacts.contact(i % 2 == 0 ? "phone" : "web", citizen, "rumore di notte " + i),
                    Contacts.decision("safety", false));
            contacts.add(new ReceivedContact(routed, EventJson.write(routed), null));
        }
        ReceivedContact repeated = contacts.get(0);
        List<List<ReceivedContact>> batches = new ArrayList<>();
        contacts.forEach(c -> batches.add(List.of(c)));
        for (int i = 0; i < 4; i++) {
            batches.add(List.of(repeated));
        }

        ExecutorService pool = Executors.newFixedThreadPool(batches.size());
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Integer>> stored = new ArrayList<>();
            for (List<ReceivedContact> batch : batches) {
                stored.add(pool.submit(() -> {
                    start.await();
                    return threading.record(batch);
                }));
            }
            start.countDown();
            int total = 0;
            for (Future<Integer> each : stored) {
                total += each.get(60, TimeUnit.SECONDS);
            }
            assertEquals(8, total);
        } finally {
            pool.shutdownNow();
        }

        long cases = TestTables.number("select count(*) from cases where citizen_key = ?", citizen);
        assertEquals(1L, cases);
        assertEquals(1L, contactRows(repeated.contactId()));
        JsonPath thread = awaitCaseOf(repeated.contactId());
        assertEquals(8, thread.getList("contacts").size());
        assertEquals(8, thread.getInt("contactCount"));
    }

    @Test
    void aContactOnACaseResolvedWithinTheWindowReopensItAndAfterTheWindowOpensANewOne() {
        String citizen = Contacts.newCitizenKey();
        CitizenContact first = Contacts.contact("web", citizen, "certificato di residenza");
        TestKafka.send(List.of(Contacts.routedRecord(first, Contacts.decision("registry-office", false), sealed::routed)));
        String caseId = awaitCaseOf(first.contactId()).getString("id");
        assertEquals(200, CaseApi.change(caseId, "status", "{\"status\":\"RESOLVED\"}"));

        CitizenContact again = Contacts.contact("whatsapp", citizen, "il certificato non è arrivato");
        TestKafka.send(List.of(Contacts.routedRecord(again, Contacts.decision("registry-office", false), sealed::routed)));
        JsonPath reopened = awaitCaseOf(again.contactId());
        assertEquals(caseId, reopened.getString("id"));
        assertEquals("IN_PROGRESS", reopened.getString("status"));
        assertEquals("citizen", reopened.getString("statusChanges[-1].actor"));

        assertEquals(200, CaseApi.change(caseId, "status", "{\"status\":\"RESOLVED\"}"));
        TestTables.execute("update cases set resolved_at = ? where id = ?",
                Instant.now().minus(Duration.ofDays(31)).atOffset(ZoneOffset.UTC), UUID.fromString(caseId));
        CitizenContact later = Contacts.contact("phone", citizen, "altro certificato");
        TestKafka.send(List.of(Contacts.routedRecord(later, Contacts.decision("registry-office", false), sealed::routed)));
        assertNotEquals(caseId, awaitCaseOf(later.contactId()).getString("id"));
    }

    @Test
    void anInvalidRecordGoesToTheDeadLetterQueueAndTheNextOnesAreStored() {
        byte[] invalid = "{\"contact\":{\"contactId\":\"nope\"}}".getBytes(StandardCharsets.UTF_8);
        String key = "poison-" + UUID.randomUUID();
        CitizenContact valid = Contacts.contact("web", Contacts.newCitizenKey(), "orari della biblioteca");
        TestKafka.send(List.of(
                new ProducerRecord<>(Topics.CONTACTS_ROUTED, null, key, invalid,
                        CloudEventHeaders.of(UUID.randomUUID().toString(), "/ascolto/tests", RoutedContact.EVENT_TYPE, Instant.now(), null)),
                Contacts.routedRecord(valid, Contacts.decision("other", false), sealed::routed)));

        awaitCaseOf(valid.contactId());
        try (TopicProbe dlq = new TopicProbe(TestKafka.bootstrapServers(), Topics.CONTACTS_DLQ)) {
            var dead = dlq.await(r -> key.equals(r.key()), 1, CaseApi.PATIENCE);
            assertEquals(1, dead.size());
            String reason = CloudEventHeaders.text(dead.get(0).headers(), "dead-letter-reason").orElseThrow();
            assertTrue(reason.contains("schema violation"), reason);
            assertEquals(Topics.CONTACTS_ROUTED, CloudEventHeaders.text(dead.get(0).headers(), "dead-letter-topic").orElseThrow());
        }
    }

    @Test
    void unknownContactsAndCasesAreProblems() {
        given().get("/api/v1/contacts/" + UUID.randomUUID()).then().statusCode(404)
                .contentType("application/problem+json").body("status", equalTo(404));
        given().get("/api/v1/cases/not-a-uuid").then().statusCode(404);
        given().contentType(ContentType.JSON).body("{\"status\":\"ASSIGNED\"}")
                .put("/api/v1/cases/" + UUID.randomUUID() + "/status").then().statusCode(404)
                .contentType("application/problem+json");
    }

    private static long contactRows(UUID contactId) {
        return TestTables.number("select count(*) from case_contacts where contact_id = ?", contactId);
    }
}
