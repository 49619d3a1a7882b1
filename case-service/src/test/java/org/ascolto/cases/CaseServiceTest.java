package org.ascolto.cases;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.ascolto.contracts.CitizenContact;
import org.ascolto.localinfra.Contacts;
import org.ascolto.localinfra.KafkaTestResource;
import org.ascolto.localinfra.PostgresTestResource;
import org.ascolto.localinfra.TestKafka;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
class CaseServiceTest {

    @Test
    void aRedeliveredContactIsStoredOnceOnOneCase() {
        String citizen = Contacts.newCitizenKey();
        CitizenContact contact = Contacts.contact("whatsapp", citizen, "quando scade la TARI?");
        var record = Contacts.routedRecord(contact, Contacts.decision("taxes", false));
        TestKafka.send(List.of(record, record, record));

        JsonPath found = awaitCaseOf(contact.contactId());
        assertEquals(1, found.getList("contacts").size());
        given().get("/api/v1/cases/" + found.getString("id")).then().statusCode(200)
                .body("reference", matchesPattern("MI-\\d{4}-\\d{6}"))
                .body("status", equalTo("NEW"))
                .body("category", equalTo("taxes"))
                .body("firstChannel", equalTo("whatsapp"))
                .body("contacts[0].contactId", equalTo(contact.contactId().toString()));
    }

    @Test
    void aCitizensNextContactInTheSameCategoryJoinsTheOpenCaseWhateverTheChannel() {
        String citizen = Contacts.newCitizenKey();
        CitizenContact first = Contacts.contact("phone", citizen, "semaforo rotto in viale Monza");
        CitizenContact second = Contacts.contact("whatsapp", citizen, "il semaforo è ancora rotto!! 🚦");
        CitizenContact other = Contacts.contact("web", citizen, "vorrei pagare una multa");
        TestKafka.send(List.of(
                Contacts.routedRecord(first, Contacts.decision("mobility", false)),
                Contacts.routedRecord(second, Contacts.decision("mobility", true)),
                Contacts.routedRecord(other, Contacts.decision("fines", false))));

        JsonPath thread = awaitCaseOf(second.contactId());
        assertEquals(awaitCaseOf(first.contactId()).getString("id"), thread.getString("id"));
        assertEquals(List.of("phone", "whatsapp"), thread.getList("contacts.channel"));
        assertEquals("URGENT", thread.getString("priority"));
        assertNotEquals(thread.getString("id"), awaitCaseOf(other.contactId()).getString("id"));
    }

    @Test
    void unknownContactsAndCasesAreProblems() {
        given().get("/api/v1/contacts/" + UUID.randomUUID()).then().statusCode(404)
                .contentType("application/problem+json").body("status", equalTo(404));
        given().get("/api/v1/cases/not-a-uuid").then().statusCode(404);
    }

    private static JsonPath awaitCaseOf(UUID contactId) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (Instant.now().isBefore(deadline)) {
            var response = given().get("/api/v1/contacts/" + contactId);
            if (response.statusCode() == 200) {
                return response.jsonPath();
            }
            sleep();
        }
        throw new AssertionError("no case for contact " + contactId + " within 20 s");
    }

    private static void sleep() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
