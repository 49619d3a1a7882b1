package org.ascolto.cases;

import static org.ascolto.cases.CaseApi.as;
import static org.ascolto.cases.CaseApi.awaitCaseOf;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.ascolto.cases.persistence.RetentionPurge;
import org.ascolto.contracts.CitizenContact;
import org.ascolto.contracts.CitizenErasure;
import org.ascolto.contracts.ContactIds;
import org.ascolto.contracts.EventSchema;
import org.ascolto.contracts.Topics;
import org.ascolto.kafka.CloudEventHeaders;
import org.ascolto.keyring.Keyring;
import org.ascolto.keyring.MasterKey;
import org.ascolto.keyring.SealedRecords;
import org.ascolto.localinfra.Contacts;
import org.ascolto.localinfra.IdentityTestResource;
import org.ascolto.localinfra.KafkaTestResource;
import org.ascolto.localinfra.KeyringTestResource;
import org.ascolto.localinfra.PostgresTestResource;
import org.ascolto.localinfra.TestDatabase;
import org.ascolto.localinfra.TestKafka;
import org.ascolto.localinfra.TestKeyring;
import org.ascolto.localinfra.TestTables;
import org.ascolto.localinfra.TestTokens;
import org.ascolto.localinfra.TopicProbe;
import org.junit.jupiter.api.Test;

import io.quarkus.arc.Arc;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * The data-protection officer exports and erases a citizen, by phone, email or key; retention redacts old resolved cases.
 * What is erased cannot be read back through the API or the tables, redeliveries do not bring it back, and nothing else changes.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(KeyringTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
@QuarkusTestResource(IdentityTestResource.class)
class PrivacyTest {

    @Inject
    SealedRecords sealed;

    static final String DPO = TestTokens.of("dora.dpo", List.of("data-protection-officer"), List.of());

    @Test
    void anErasureByPhoneRedactsEveryCaseOfTheCitizenAndNothingOfAnyoneElse() {
        String phone = "+39333" + (1_000_000 + ThreadLocalRandom.current().nextInt(8_999_999));
        String key = Contacts.newCitizenKey();
        String secret = "Ludovica-" + UUID.randomUUID();
        CitizenContact form = contact("web", key, "Ludovica Sforza", phone, "Ludovica.Sforza@example.org", "Residenza " + secret,
                "sono " + secret + " codice fiscale SFRLDV80A41F205X");
        CitizenContact whatsapp = contact("whatsapp", key, "Ludo", phone, null, null, "multa " + secret);
        CitizenContact bystander = contact("web", Contacts.newCitizenKey(), "Bianca Maria", "+390200000000", null, null, "altro " + secret);
        TestKafka.send(List.of(Contacts.routedRecord(form, Contacts.decision("registry-office", false), sealed::routed),
                Contacts.routedRecord(whatsapp, Contacts.decision("fines", false), sealed::routed),
                Contacts.routedRecord(bystander, Contacts.decision("registry-office", false), sealed::routed)));
        String formCase = awaitCaseOf(form.contactId()).getString("id");
        String whatsappCase = awaitCaseOf(whatsapp.contactId()).getString("id");
        String bystanderCase = awaitCaseOf(bystander.contactId()).getString("id");
        CaseApi.given().contentType(ContentType.JSON).body("{\"text\":\"parlato con " + secret + "\"}")
                .post("/api/v1/cases/" + formCase + "/notes").then().statusCode(201);
        CaseApi.given().contentType(ContentType.JSON).body("{\"text\":\"risposta per " + secret + "\"}")
                .post("/api/v1/cases/" + whatsappCase + "/replies").then().statusCode(201);

        JsonPath export = as(DPO).contentType(ContentType.JSON).body(Map.of("email", " ludovica.sforza@EXAMPLE.org "))
                .post("/api/v1/privacy/exports").then().statusCode(200).extract().jsonPath();
        assertEquals(List.of(key), export.getList("citizenKeys"));
        assertEquals(2, export.getList("cases").size(), "both cases of the citizen, across channels and categories");
        assertTrue(export.prettify().contains("SFRLDV80A41F205X") && export.prettify().contains("parlato con " + secret),
                "the export holds everything: texts, notes, the contacts as received");
        as(DPO).get("/api/v1/privacy/citizens/" + key + "/export").then().statusCode(200).body("cases.size()", equalTo(2));

        assertEquals(200, CaseApi.change(formCase, "notices", "{\"optedOut\":true}"), "the citizen wants no notices");
        byte[] onKafka = sealed.contact(whatsapp);
        byte[] bystanderOnKafka = sealed.contact(bystander);
        assertEquals(Optional.of(whatsapp), sealed.openContact(onKafka));
        JsonPath erasure = as(DPO).contentType(ContentType.JSON).body(Map.of("phone", phone.substring(0, 3) + " " + phone.substring(3)))
                .post("/api/v1/privacy/erasures").then().statusCode(201).extract().jsonPath();
        assertEquals(2, erasure.getInt("cases"));
        assertEquals(2, erasure.getInt("contacts"));
        // crypto-shredding: the citizen's data key is deleted, so their records on Kafka never open again, here or anywhere
        assertEquals(Optional.empty(), sealed.openContact(onKafka));
        assertEquals(Optional.empty(), new SealedRecords(Keyring.connect(TestKeyring.jdbcUrl(), TestDatabase.user(),
                TestKeyring.password(), MasterKey.of(TestKeyring.MASTER_KEY))).openContact(onKafka), "a process with no cached key");
        assertEquals(Optional.of(bystander), sealed.openContact(bystanderOnKafka), "nobody else's key");

        JsonPath view = CaseApi.given().get("/api/v1/cases/" + formCase).then().statusCode(200).extract().jsonPath();
        assertEquals("redacted", view.getString("citizenKey"));
        assertEquals("registry-office", view.getString("category"), "the case's non-personal facts stay");
        assertFalse(view.prettify().contains(secret) || view.prettify().contains(phone), view.prettify());
        for (String table : List.of("case_contacts", "case_notes", "case_replies", "cases", "case_event_outbox", "erasures", "audit_log",
                "notice_opt_outs")) {
            String sql = "select count(*) from " + table + " t where (t::text like ? or t::text like ? or t::text like ?)"
                    + (table.equals("case_contacts") ? " and case_id <> ?" : "")
                    + (table.equals("case_event_outbox") ? " and topic <> 'crm.erasures.v1'" : "");
            List<Object> parameters = new ArrayList<>(List.of("%" + secret + "%", "%" + phone.substring(1) + "%", "%" + key + "%"));
            if (table.equals("case_contacts")) {
                parameters.add(UUID.fromString(bystanderCase));
            }
            assertEquals(0, TestTables.number(sql, parameters.toArray()), "nothing of the erased citizen is left in " + table);
        }
        assertEquals(0, TestTables.number("select count(*) from case_contacts where lower(routed::text) like '%sforza%'"));
        // the other services erase their copies on the erasure's record: the citizen key and the cases, nothing personal
        assertEquals(0, TestTables.number("select count(*) from case_event_outbox where topic = 'crm.erasures.v1'"
                + " and (payload::text like ? or payload::text like ?)", "%" + secret + "%", "%" + phone.substring(1) + "%"));
        try (TopicProbe erasures = new TopicProbe(TestKafka.bootstrapServers(), Topics.ERASURES)) {
            List<ConsumerRecord<String, byte[]>> published = erasures.await(r -> key.equals(r.key()), 1, CaseApi.PATIENCE);
            assertEquals(1, published.size(), "one record for the one citizen key, published once the erasure committed");
            CitizenErasure told = EventSchema.CITIZEN_ERASURE.read(published.get(0).value(), CitizenErasure.class);
            assertEquals(UUID.fromString(erasure.getString("id")), told.erasureId());
            assertEquals(Set.of(UUID.fromString(formCase), UUID.fromString(whatsappCase)), Set.copyOf(told.caseIds()));
            assertEquals(Optional.of(CitizenErasure.eventId(told.erasureId(), key).toString()),
                    CloudEventHeaders.text(published.get(0).headers(), CloudEventHeaders.ID));
            assertEquals(Optional.of(CitizenErasure.EVENT_TYPE), CloudEventHeaders.text(published.get(0).headers(), CloudEventHeaders.TYPE));
        }
        assertEquals(List.of(List.of("dora.dpo", "phone", 2, 2)),
                TestTables.rows("select requested_by, identified_by, cases, contacts from erasures where id = ?",
                        UUID.fromString(erasure.getString("id"))));
        assertEquals(2, TestTables.number("select count(*) from audit_log where action = 'citizen.erasure' and actor = 'dora.dpo'"
                + " and detail = ?", "erasure " + erasure.getString("id")));
        CaseApi.given().get("/api/v1/cases/" + bystanderCase).then().statusCode(200).body("contacts[0].text", equalTo("altro " + secret));

        as(DPO).contentType(ContentType.JSON).body(Map.of("phone", phone)).post("/api/v1/privacy/exports").then().statusCode(200)
                .body("cases.size()", equalTo(0));

        CitizenContact later = Contacts.contact("whatsapp", key, "un nuovo messaggio");
        TestKafka.send(List.of(Contacts.routedRecord(form, Contacts.decision("registry-office", false), sealed::routed),
                Contacts.routedRecord(later, Contacts.decision("registry-office", false), sealed::routed)));
        awaitCaseOf(later.contactId());
        assertEquals(List.of(List.of("")), TestTables.rows("select text from case_contacts where contact_id = ?", form.contactId()),
                "a redelivered contact stays erased");
        assertEquals(1, TestTables.number("select count(*) from cases where citizen_key = ?", key),
                "a new contact after the erasure opens a new case; the erased ones are never joined");
    }

    @Test
    void onlyTheDataProtectionOfficerMakesRequestsAndEachNamesExactlyOneWellFormedIdentifier() {
        for (String token : List.of(CaseApi.SUPERVISOR, AuditTest.AUDITOR, TestTokens.operator("o.op", "anagrafe"))) {
            as(token).contentType(ContentType.JSON).body(Map.of("phone", "+390200000000")).post("/api/v1/privacy/erasures")
                    .then().statusCode(403);
            as(token).get("/api/v1/privacy/citizens/" + Contacts.newCitizenKey() + "/export").then().statusCode(403);
        }
        for (Object body : List.of(Map.of(), Map.of("phone", "+390200000000", "email", "a@b.it"), Map.of("phone", "02 0202"),
                Map.of("phone", "+39 02' OR 1=1 --"), Map.of("email", "nobody"), Map.of("citizenKey", "%' or ''='"))) {
            as(DPO).contentType(ContentType.JSON).body(body).post("/api/v1/privacy/erasures").then().statusCode(400)
                    .contentType("application/problem+json");
        }
        as(DPO).get("/api/v1/privacy/citizens/short/export").then().statusCode(400);
        as(DPO).contentType(ContentType.JSON).body(Map.of("citizenKey", Contacts.newCitizenKey())).post("/api/v1/privacy/erasures")
                .then().statusCode(201).body("cases", equalTo(0));
    }

    @Test
    void retentionRedactsOnlyCasesResolvedOrClosedLongerAgoThanConfigured() {
        Map<String, String> states = Map.of("old-resolved", "RESOLVED:200", "old-closed", "CLOSED:181", "recent-resolved",
                "RESOLVED:10", "old-open", "IN_PROGRESS:400");
        Map<String, CitizenContact> contacts = new java.util.HashMap<>();
        List<ProducerRecord<String, byte[]>> records = new ArrayList<>();
        states.keySet().forEach(name -> {
            CitizenContact c = Contacts.contact("web", Contacts.newCitizenKey(), name + " testo personale");
            contacts.put(name, c);
            records.add(Contacts.routedRecord(c, Contacts.decision("other", false), sealed::routed));
        });
        TestKafka.send(records);
        Map<String, String> caseIds = new java.util.HashMap<>();
        states.forEach((name, state) -> {
            String id = awaitCaseOf(contacts.get(name).contactId()).getString("id");
            caseIds.put(name, id);
            String[] parts = state.split(":");
            TestTables.execute("update cases set status = ?, resolved_at = now() - make_interval(days => ?) where id = ?",
                    parts[0], Integer.parseInt(parts[1]), UUID.fromString(id));
        });

        Arc.container().instance(RetentionPurge.class).get().purge(Instant.now());

        for (String name : states.keySet()) {
            UUID id = UUID.fromString(caseIds.get(name));
            boolean purged = name.startsWith("old-") && !name.equals("old-open");
            List<Object> contact = TestTables.rows("select text, routed::text, external_id from case_contacts where case_id = ?", id).get(0);
            assertEquals(purged, contact.get(0).equals(""), name + " text");
            assertEquals(purged, !contact.get(1).toString().contains("testo personale") && !contact.get(1).toString().contains("citizen"),
                    name + " routed contact: " + contact.get(1));
            assertEquals(List.of(List.of(purged ? "redacted" : contacts.get(name).citizen().key(), "other", states.get(name).split(":")[0])),
                    TestTables.rows("select citizen_key, category, status from cases where id = ?", id), name);
            assertEquals(purged ? 1 : 0, TestTables.number("select count(*) from audit_log where case_id = ? and action = 'retention.purge'", id));
        }
        assertEquals(0, Arc.container().instance(RetentionPurge.class).get().purge(Instant.now()), "nothing is purged twice");
    }

    @Test
    void erasingACitizenWithAThousandContactsIsQuick() {
        String key = Contacts.newCitizenKey();
        List<String> categories = List.of("registry-office", "taxes", "safety", "mobility", "fines", "social-services", "other");
        List<ProducerRecord<String, byte[]>> records = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            CitizenContact c = contact("whatsapp", key, "Mario Rossi", "+393471234567", null, null, "messaggio numero " + i);
            records.add(Contacts.routedRecord(c, Contacts.decision(categories.get(i % categories.size()), false), sealed::routed));
        }
        TestKafka.send(records);
        Instant deadline = Instant.now().plus(CaseApi.PATIENCE);
        while (TestTables.number("select count(*) from case_contacts k join cases c on c.id = k.case_id where c.citizen_key = ?", key) < 1000
                && Instant.now().isBefore(deadline)) {
            CaseApi.pause();
        }

        // a first request of its own, so that the figure is the erasure's and not the first call's
        as(DPO).contentType(ContentType.JSON).body(Map.of("citizenKey", Contacts.newCitizenKey())).post("/api/v1/privacy/erasures")
                .then().statusCode(201);
        long started = System.nanoTime();
        JsonPath erasure = as(DPO).contentType(ContentType.JSON).body(Map.of("citizenKey", key)).post("/api/v1/privacy/erasures")
                .then().statusCode(201).extract().jsonPath();
        long tookMillis = (System.nanoTime() - started) / 1_000_000;
        System.out.printf("erasure of a citizen with 1,000 contacts in %d cases: %d ms through the API, %d ms in the database%n",
                erasure.getInt("cases"), tookMillis, erasure.getLong("tookMillis"));

        assertEquals(1000, erasure.getInt("contacts"));
        assertEquals(7, erasure.getInt("cases"));
        assertEquals(0, TestTables.number("select count(*) from case_contacts where text like 'messaggio numero %'"));
        assertTrue(tookMillis < 10_000, "an erasure of 1,000 contacts takes seconds at most, took " + tookMillis + " ms");
    }

    private static CitizenContact contact(String channel, String key, String name, String phone, String email, String subject,
            String text) {
        String externalId = UUID.randomUUID().toString();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        return new CitizenContact(ContactIds.of(channel, externalId), channel, externalId, now, now,
                new CitizenContact.Citizen(key, name, phone, email, null), subject, text, "it", null, null, null, Map.of(),
                CitizenContact.SCHEMA_VERSION);
    }
}
