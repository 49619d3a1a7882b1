package org.ascolto.cases;

import static org.ascolto.cases.CaseApi.as;
import static org.ascolto.cases.CaseApi.awaitCaseOf;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.ascolto.contracts.CitizenContact;
import org.ascolto.contracts.RoutingDecision;
import org.ascolto.keyring.SealedRecords;
import org.ascolto.localinfra.Contacts;
import org.ascolto.localinfra.IdentityTestResource;
import org.ascolto.localinfra.KafkaTestResource;
import org.ascolto.localinfra.KeyringTestResource;
import org.ascolto.localinfra.PostgresTestResource;
import org.ascolto.localinfra.TestKafka;
import org.ascolto.localinfra.TestTokens;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/** Every read of a case's personal data and every change is in the audit log, under the token's user; only auditors read it. */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(KeyringTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
@QuarkusTestResource(IdentityTestResource.class)
class AuditTest {

    @Inject
    SealedRecords sealed;

    static final String AUDITOR = TestTokens.of("aldo.auditor", List.of("auditor"), List.of());

    @Test
    void everyReadAndChangeOfAnOperatorIsRecordedWithWhoAndWhenAndNeverWhatTheyReadOrWrote() {
        String queue = "audit-" + UUID.randomUUID().toString().substring(0, 8);
        String user = "olga." + queue;
        CitizenContact contact = Contacts.contact("web", Contacts.newCitizenKey(), "mi chiamo Olivia Neri, abito in via Segreta 7");
        TestKafka.send(List.of(Contacts.routedRecord(contact, new RoutingDecision("other", 0.9, false, "it", queue, 48, List.of(), "test"), sealed::routed)));
        String caseId = awaitCaseOf(contact.contactId()).getString("id");
        String operator = TestTokens.operator(user, queue);
        Instant started = Instant.now();

        as(operator).get("/api/v1/cases/" + caseId).then().statusCode(200);
        as(operator).get("/api/v1/contacts/" + contact.contactId()).then().statusCode(200);
        as(operator).get("/api/v1/cases").then().statusCode(200).body("cases.id", equalTo(List.of(caseId)));
        as(operator).contentType(ContentType.JSON).body("{\"text\":\"richiamata al 333 1234567\"}")
                .post("/api/v1/cases/" + caseId + "/notes").then().statusCode(201);
        assertEquals(200, CaseApi.change(operator, caseId, "assignee", "{\"assignee\":\"" + user + "\"}"));

        JsonPath log = as(AUDITOR).queryParam("caseId", caseId).queryParam("user", user).get("/api/v1/audit")
                .then().statusCode(200).extract().jsonPath();
        assertEquals(List.of("case.assignee", "case.note", "cases.list", "contact.read", "case.read"), log.getList("entries.action"),
                "every read and change, newest first");
        assertEquals(List.of(user), log.getList("entries.actor").stream().distinct().toList());
        assertEquals(List.of(caseId), log.getList("entries.caseId").stream().distinct().toList());
        for (String at : log.<String>getList("entries.at")) {
            assertTrue(!Instant.parse(at).isBefore(started.minusSeconds(1)), "recorded when it happened: " + at);
        }
        String everything = log.prettify();
        assertTrue(!everything.contains("Olivia") && !everything.contains("1234567") && !everything.contains("Segreta"),
                "the log names who and when, never what was read or written: " + everything);

        as(AUDITOR).queryParam("user", user).queryParam("from", Instant.now().plusSeconds(60).toString()).get("/api/v1/audit")
                .then().statusCode(200).body("entries", empty());
        as(AUDITOR).queryParam("user", user).queryParam("limit", "2").get("/api/v1/audit").then().statusCode(200)
                .body("entries.action", equalTo(List.of("case.assignee", "case.note")));
        long nextBefore = as(AUDITOR).queryParam("user", user).queryParam("limit", "2").get("/api/v1/audit").jsonPath().getLong("nextBefore");
        as(AUDITOR).queryParam("user", user).queryParam("limit", "2").queryParam("before", nextBefore).get("/api/v1/audit")
                .then().statusCode(200).body("entries.action", equalTo(List.of("cases.list", "contact.read")));
    }

    @Test
    void onlyAuditorsAndTheDataProtectionOfficerReadTheLog() {
        as(TestTokens.operator("o.operator", "anagrafe")).get("/api/v1/audit").then().statusCode(403);
        as(CaseApi.SUPERVISOR).get("/api/v1/audit").then().statusCode(403);
        as(TestTokens.of("d.dpo", List.of("data-protection-officer"), List.of())).get("/api/v1/audit").then().statusCode(200);
        as(AUDITOR).queryParam("from", "yesterday").get("/api/v1/audit").then().statusCode(400);
        as(AUDITOR).queryParam("caseId", "not-a-case").get("/api/v1/audit").then().statusCode(400);
        as(AUDITOR).queryParam("limit", "100000").get("/api/v1/audit").then().statusCode(400);
    }
}
