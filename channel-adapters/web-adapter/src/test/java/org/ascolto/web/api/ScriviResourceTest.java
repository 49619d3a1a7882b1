package org.ascolto.web.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.ascolto.adapter.CitizenKeys;
import org.ascolto.conformance.AdapterConformance;
import org.ascolto.contracts.CitizenContact;
import org.ascolto.contracts.EventJson;
import org.ascolto.contracts.Topics;
import org.ascolto.kafka.CloudEventHeaders;
import org.ascolto.kafka.TraceContext;
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
class ScriviResourceTest {

    @Inject
    SealedRecords sealed;

    private static final String FORM = """
            {"name":"Giulia Bianchi","email":"Giulia.Bianchi@example.org","phone":"333 123 4567",
             "subject":"Cambio di residenza","message":"La mia pratica di residenza è ferma da due mesi.",
             "privacyConsent":true}""";

    @TestHTTPResource("/api/v1/requests")
    URI endpoint;

    @Inject
    CitizenKeys keys;

    @TestFactory
    Stream<DynamicTest> conformance() {
        return AdapterConformance.of(endpoint, TestKafka.bootstrapServers(), sealed)
                .headers(body -> Map.of("Idempotency-Key", "portal-" + UUID.nameUUIDFromBytes(body)))
                .acceptedStatus(202)
                .valid("samples/scrivi-form.json", 1)
                .malformed("samples/malformed.json")
                .maxBodyBytes(64 * 1024)
                .build().tests();
    }

    @Test
    void thePlaceAndAttachmentsTravelWithTheContactTheFiscalCodeOnlyWhereConfigured() {
        String run = AdapterConformance.newRun();
        given().contentType(ContentType.JSON).body(AdapterConformance.sample("samples/scrivi-form.json", run))
                .when().post("/api/v1/requests").then().statusCode(202);
        CitizenContact contact = AdapterConformance.contactsOf(TestKafka.bootstrapServers(), sealed, run, 1).get(0);
        assertFalse(contact.metadata().containsKey("fiscalCode"), "ascolto.web.keep-fiscal-code is off by default");
        assertFalse(new String(EventJson.write(contact), StandardCharsets.UTF_8).contains("RSSMRA85T10A562S"));
        assertEquals(new CitizenContact.Location(45.4923, 9.2211, "Via Padova 120, 20132 Milano"), contact.location());
        assertEquals(List.of(new CitizenContact.Attachment("https://scrivi.comune.milano.it/allegati/7f3e2a1b/buca.jpg", "image/jpeg")),
                contact.attachments());
    }

    @Test
    void withoutConsentAWrongFiscalCodeOrHalfACoordinateTheFormIsRefused() {
        given().contentType(ContentType.JSON)
                .body("""
                        {"name":"Giulia Bianchi","email":"giulia@example.org","subject":"Residenza","message":"Pratica ferma",
                         "fiscalCode":"RSSMRA85T10A562X","latitude":45.48,"attachments":[{"url":"file:///etc/passwd"}],
                         "privacyConsent":false}""")
                .when().post("/api/v1/requests")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItems("fiscalCode", "privacyConsent", "coordinatesComplete", "attachments[0].url"));
        given().contentType(ContentType.JSON)
                .body("{\"name\":\"Giulia\",\"email\":\"giulia@example.org\",\"subject\":\"Residenza\",\"message\":\"Pratica ferma\"}")
                .when().post("/api/v1/requests")
                .then().statusCode(400)
                .body("errors.field", hasItems("privacyConsent"));
    }

    @Test
    void anAcceptedFormIsOnKafkaWithItsContractKeyAndHeaders() {
        String contactId = given().contentType(ContentType.JSON).body(FORM)
                .when().post("/api/v1/requests")
                .then().statusCode(202).body("status", equalTo("accepted"))
                .extract().path("contactId");

        ConsumerRecord<String, byte[]> record = published(contactId, 1).get(0);
        CitizenContact contact = sealed.openContact(record.value()).orElseThrow();
        assertEquals(contactId, contact.contactId().toString());
        assertEquals("web", contact.channel());
        assertEquals("+393331234567", contact.citizen().phone());
        assertEquals("giulia.bianchi@example.org", contact.citizen().email());
        assertEquals(keys.phone("+393331234567"), contact.citizen().key(), "the key of the phone, as on a call or WhatsApp");
        assertEquals(contact.citizen().key(), record.key());
        assertEquals("1.0", header(record, CloudEventHeaders.SPEC_VERSION));
        assertEquals(CitizenContact.EVENT_TYPE, header(record, CloudEventHeaders.TYPE));
        assertEquals(contact.receivedAt().toString(), header(record, CloudEventHeaders.TIME));
        assertEquals("/ascolto/adapters/web", header(record, CloudEventHeaders.SOURCE));
        assertTrue(header(record, TraceContext.TRACEPARENT).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-01"));
    }

    @Test
    void aFormWithoutAPhoneIsKeyedByItsEmail() {
        String contactId = given().contentType(ContentType.JSON).body(FORM.replace("\"phone\":\"333 123 4567\",", ""))
                .when().post("/api/v1/requests")
                .then().statusCode(202)
                .extract().path("contactId");

        CitizenContact contact = sealed.openContact(published(contactId, 1).get(0).value()).orElseThrow();
        assertNull(contact.citizen().phone());
        assertEquals(keys.email("giulia.bianchi@example.org"), contact.citizen().key());
    }

    @Test
    void theSameIdempotencyKeyIsTheSameContact() {
        String key = "submit-" + UUID.randomUUID();
        String first = given().contentType(ContentType.JSON).header("Idempotency-Key", key).body(FORM)
                .post("/api/v1/requests").then().statusCode(202).extract().path("contactId");
        String second = given().contentType(ContentType.JSON).header("Idempotency-Key", key).body(FORM)
                .post("/api/v1/requests").then().statusCode(202).extract().path("contactId");
        assertEquals(first, second);
    }

    @Test
    void theSameIdempotencyKeyWithAnotherBodyIsRefusedWith422AndNothingIsPublished() {
        String key = "submit-" + UUID.randomUUID();
        String marker = "marker-" + UUID.randomUUID();
        given().contentType(ContentType.JSON).header("Idempotency-Key", key).body(FORM)
                .post("/api/v1/requests").then().statusCode(202);
        given().contentType(ContentType.JSON).header("Idempotency-Key", key).body(FORM.replace("ferma da due mesi", marker))
                .post("/api/v1/requests").then().statusCode(422).contentType("application/problem+json")
                .body("detail", containsString("Idempotency-Key"));
        try (TopicProbe probe = new TopicProbe(TestKafka.bootstrapServers(), Topics.CONTACTS)) {
            assertTrue(probe.drain(Duration.ofSeconds(1)).stream().noneMatch(r -> new String(r.value()).contains(marker)));
        }
    }

    @Test
    void whatACitizenWritesIsPublishedComposedWithoutControlOrBidirectionalCharacters() {
        String contactId = given().contentType(ContentType.JSON)
                .body(FORM.replace("La mia pratica di residenza è ferma da due mesi.",
                        "Pratica\\u0000 ferma\\u0007 \\u202Eevil\\u202C ca\\u0300 e\\u0301\\r\\nseconda riga\\tfine"))
                .post("/api/v1/requests").then().statusCode(202).extract().path("contactId");
        CitizenContact contact = sealed.openContact(published(contactId, 1).get(0).value()).orElseThrow();
        assertEquals("Pratica ferma evil cà é\nseconda riga\tfine", contact.text());
    }

    @Test
    void anInvalidFormIsAProblemNamingEveryBadFieldAndNothingIsPublished() {
        String marker = "marker-" + UUID.randomUUID();
        given().contentType(ContentType.JSON)
                .body("{\"name\":\"\",\"email\":\"not-an-email\",\"phone\":\"12\",\"subject\":\"" + marker + "\"}")
                .when().post("/api/v1/requests")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("status", equalTo(400))
                .body("errors.field", hasItems("name", "email", "phone", "message"));

        try (TopicProbe probe = new TopicProbe(TestKafka.bootstrapServers(), Topics.CONTACTS)) {
            assertTrue(probe.drain(Duration.ofSeconds(1)).stream().noneMatch(r -> new String(r.value()).contains(marker)));
        }
    }

    @Test
    void malformedJsonIsAProblem() {
        given().contentType(ContentType.JSON).body("{\"name\": ")
                .when().post("/api/v1/requests")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("detail", containsString("JSON"));
    }

    private static List<ConsumerRecord<String, byte[]>> published(String contactId, int count) {
        try (TopicProbe probe = new TopicProbe(TestKafka.bootstrapServers(), Topics.CONTACTS)) {
            List<ConsumerRecord<String, byte[]>> records = probe.await(
                    r -> contactId.equals(header(r, CloudEventHeaders.ID)), count, Duration.ofSeconds(10));
            assertEquals(count, records.size(), "records with ce_id " + contactId);
            return records;
        }
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        return CloudEventHeaders.text(record.headers(), name).orElse(null);
    }
}
