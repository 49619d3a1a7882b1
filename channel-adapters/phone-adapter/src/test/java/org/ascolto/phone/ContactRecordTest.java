package org.ascolto.phone;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import jakarta.inject.Inject;

import org.ascolto.adapter.CitizenKeys;
import org.ascolto.adapter.PhoneNumbers;
import org.ascolto.adapter.WebhookSignature;
import org.ascolto.conformance.AdapterConformance;
import org.ascolto.contracts.CitizenContact;
import org.ascolto.contracts.ContactIds;
import org.ascolto.contracts.Topics;
import org.ascolto.keyring.SealedRecords;
import org.ascolto.localinfra.KafkaTestResource;
import org.ascolto.localinfra.KeyringTestResource;
import org.ascolto.localinfra.TestKafka;
import org.ascolto.localinfra.TopicProbe;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(KeyringTestResource.class)
class ContactRecordTest {

    @Inject
    SealedRecords sealed;

    private static final WebhookSignature CONTACT_CENTER = new WebhookSignature("local-phone-signing-secret");

    @TestHTTPResource("/api/v1/contact-records")
    URI endpoint;

    @Inject
    CitizenKeys keys;

    @TestFactory
    Stream<DynamicTest> conformance() {
        return AdapterConformance.of(endpoint, TestKafka.bootstrapServers(), sealed)
                .signature(body -> Map.of("X-Ascolto-Signature-256", CONTACT_CENTER.sign(body)))
                .acceptedStatus(202)
                .valid("samples/inbound-call.json", 1)
                .valid("samples/batch.json", 2)
                .valid("samples/records.ndjson", 2)
                .redelivery("samples/inbound-call-updated.ndjson")
                .malformed("samples/malformed.json")
                .maxBodyBytes(4 * 1024 * 1024)
                .build().tests();
    }

    @Test
    void anInboundCallIsAContactOfTheCallerWithTheOperatorsNote() {
        String run = AdapterConformance.newRun();
        byte[] body = AdapterConformance.sample("samples/inbound-call.json", run);
        String contactId = post(body, "application/json").then().statusCode(202)
                .body("contacts", equalTo(1)).extract().path("contactIds[0]");
        assertEquals(ContactIds.of("phone", "5f2a1b3c-9d8e-4f7a-8b6c-" + run).toString(), contactId);

        CitizenContact call = AdapterConformance.contactsOf(TestKafka.bootstrapServers(), sealed, run, 1).get(0);
        assertEquals("Cittadina chiede come pagare la TARI 2026 con F24, non ha ricevuto l'avviso. Inviato link al portale.", call.text());
        assertEquals("+390288451234", call.citizen().phone());
        assertEquals(Map.of("queue", "Tributi", "agent", keys.pseudonym("agent", "op.rossi"), "ivrChoice", "2"), call.metadata());
        assertTrue(call.metadata().get("agent").matches("agent-[A-Za-z0-9_-]{16}"), "the agent is a pseudonymous id, not their user name");
        assertEquals(Instant.parse("2026-11-23T10:02:41Z"), call.occurredAt());
    }

    @Test
    void aCallerIsTheSameCitizenAsTheirWhatsAppNumber() {
        String run = AdapterConformance.newRun();
        post(AdapterConformance.sample("samples/records.ndjson", run), "application/x-ndjson").then().statusCode(202);
        CitizenContact call = AdapterConformance.contactsOf(TestKafka.bootstrapServers(), sealed, run, 2).get(0);
        String whatsAppSender = PhoneNumbers.fromInternationalDigits("393921234567").orElseThrow();
        assertEquals(keys.phone(whatsAppSender), call.citizen().key());
        assertEquals("Segnala lampione spento in via Padova 88 da una settimana.", call.text());
    }

    @Test
    void aBatchKeepsInboundCallsOnlyAndTheNewestVersionOfEachRecord() {
        String run = AdapterConformance.newRun();
        post(AdapterConformance.sample("samples/batch.json", run), "application/json").then().statusCode(202)
                .body("contacts", equalTo(2));
        List<CitizenContact> calls = AdapterConformance.contactsOf(TestKafka.bootstrapServers(), sealed, run, 2);
        assertEquals("Chiede appuntamento per CIE: fissato 2 dicembre ore 9:30 in via Larga.", calls.get(0).text());
        CitizenContact withheld = calls.get(1);
        assertNull(withheld.citizen().phone());
        assertEquals("", withheld.text());
        assertEquals("9", withheld.metadata().get("ivrChoice"));
    }

    @Test
    void aNoteTheContractWouldRefuseIsRefusedNowWith422AndNothingIsPublished() {
        String run = AdapterConformance.newRun();
        String record = new String(AdapterConformance.sample("samples/inbound-call.json", run), StandardCharsets.UTF_8)
                .replace("Inviato link al portale.", "x".repeat(20_001));
        post(record.getBytes(StandardCharsets.UTF_8), "application/json").then().statusCode(422)
                .contentType("application/problem+json").body("errors[0].field", equalTo("text"));
        try (TopicProbe probe = new TopicProbe(TestKafka.bootstrapServers(), Topics.CONTACTS)) {
            assertTrue(probe.drain(Duration.ofSeconds(1)).stream().noneMatch(r -> new String(r.value()).contains(run)));
        }
    }

    @Test
    void anUpdatedRecordIsPublishedAgainUnderItsContactIdWithItsLastUpdate() {
        String run = AdapterConformance.newRun();
        String first = new String(AdapterConformance.sample("samples/inbound-call.json", run), StandardCharsets.UTF_8);
        post(first.getBytes(StandardCharsets.UTF_8), "application/json").then().statusCode(202);
        String updated = first.replace("Inviato link al portale.", "Richiamata: pagato.")
                .replace("\"LastUpdateTimestamp\": \"2026-11-23T10:09:53Z\"", "\"LastUpdateTimestamp\": \"2026-11-23T11:30:00Z\"");
        post(updated.getBytes(StandardCharsets.UTF_8), "application/json").then().statusCode(202);

        List<CitizenContact> versions = AdapterConformance.contactsOf(TestKafka.bootstrapServers(), sealed, run, 2);
        assertEquals(versions.get(0).contactId(), versions.get(1).contactId());
        assertEquals(List.of(Instant.parse("2026-11-23T10:09:53Z"), Instant.parse("2026-11-23T11:30:00Z")),
                versions.stream().map(CitizenContact::updatedAt).sorted().toList());
        assertTrue(versions.stream().anyMatch(c -> c.text().endsWith("Richiamata: pagato.")));
    }

    private static io.restassured.response.Response post(byte[] body, String contentType) {
        return given().contentType(contentType).header("X-Ascolto-Signature-256", CONTACT_CENTER.sign(body)).body(body)
                .accept(ContentType.JSON).when().post("/api/v1/contact-records");
    }
}
