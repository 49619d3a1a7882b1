package org.ascolto.cases;

import static org.ascolto.cases.CaseApi.as;
import static org.ascolto.cases.CaseApi.awaitCaseOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import jakarta.inject.Inject;

import org.ascolto.contracts.CaseEvent;
import org.ascolto.contracts.CitizenContact;
import org.ascolto.contracts.EventSchema;
import org.ascolto.contracts.RoutingDecision;
import org.ascolto.contracts.Topics;
import org.ascolto.keyring.SealedRecords;
import org.ascolto.localinfra.Contacts;
import org.ascolto.localinfra.IdentityTestResource;
import org.ascolto.localinfra.KafkaTestResource;
import org.ascolto.localinfra.KeyringTestResource;
import org.ascolto.localinfra.PostgresTestResource;
import org.ascolto.localinfra.TestKafka;
import org.ascolto.localinfra.TestTokens;
import org.ascolto.localinfra.TopicProbe;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;

/**
 * Only the city's identity provider's tokens open the operator API; an operator sees and works the cases of their
 * queues only, takes a case for themselves, can pass it to another office's queue (and then no longer sees it), and every change is recorded under the token's user.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(KeyringTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
@QuarkusTestResource(IdentityTestResource.class)
class CaseSecurityTest {

    @Inject
    SealedRecords sealed;

    @Test
    void withoutAValidTokenEveryOperatorEndpointIs401WithAProblemBody() {
        for (var request : List.of(RestAssured.given(), as("not-a-token"), as(TestTokens.expired("s.supervisor", "supervisor")),
                as(TestTokens.ofAnotherIssuer("s.supervisor", "supervisor")))) {
            request.get("/api/v1/cases").then().statusCode(401).contentType("application/problem+json")
                    .header("WWW-Authenticate", "Bearer").body("status", equalTo(401));
        }
        RestAssured.given().get("/api/v1/contacts/" + java.util.UUID.randomUUID()).then().statusCode(401);
        RestAssured.given().contentType(ContentType.JSON).body("{\"status\":\"ASSIGNED\"}")
                .put("/api/v1/cases/" + java.util.UUID.randomUUID() + "/status").then().statusCode(401);
    }

    @Test
    void theConsolesOriginMayCallAndItsBrowserRemembersThePreflightForTwoHours() {
        RestAssured.given().header("Origin", "http://localhost:8089").header("Access-Control-Request-Method", "GET")
                .header("Access-Control-Request-Headers", "authorization").options("/api/v1/cases").then().statusCode(200)
                .header("Access-Control-Allow-Origin", "http://localhost:8089").header("Access-Control-Max-Age", "7200");
        RestAssured.given().header("Origin", "https://elsewhere.example").header("Access-Control-Request-Method", "GET")
                .options("/api/v1/cases").then().header("Access-Control-Allow-Origin", nullValue());
    }

    @Test
    void aTokenWithoutAnOperatorsRoleIs403() {
        as(TestTokens.of("a.analyst", List.of("analyst"), List.of())).get("/api/v1/cases").then().statusCode(403)
                .contentType("application/problem+json").body("status", equalTo(403));
    }

    @Test
    void anOperatorSeesAndWorksTheCasesOfTheirQueuesOnlyAndTakesThemUnderTheirOwnName() {
        String anagrafe = "anagrafe-" + Contacts.newCitizenKey().substring(0, 8).toLowerCase();
        String tributi = "tributi-" + Contacts.newCitizenKey().substring(0, 8).toLowerCase();
        CitizenContact mine = Contacts.contact("web", Contacts.newCitizenKey(), "certificato di residenza");
        CitizenContact theirs = Contacts.contact("web", Contacts.newCitizenKey(), "rimborso TARI");
        TestKafka.send(List.of(Contacts.routedRecord(mine, decision("registry-office", anagrafe), sealed::routed),
                Contacts.routedRecord(theirs, decision("taxes", tributi), sealed::routed)));
        String mineId = awaitCaseOf(mine.contactId()).getString("id");
        String theirsId = awaitCaseOf(theirs.contactId()).getString("id");
        String operator = TestTokens.operator("anna.anagrafe", anagrafe);

        as(operator).get("/api/v1/cases").then().statusCode(200).body("cases.queue.unique()", equalTo(List.of(anagrafe)));
        as(operator).queryParam("queue", tributi).get("/api/v1/cases").then().statusCode(403)
                .body("detail", containsString(tributi));
        as(operator).get("/api/v1/cases/" + theirsId).then().statusCode(403);
        as(operator).get("/api/v1/contacts/" + theirs.contactId()).then().statusCode(403);
        assertEquals(403, CaseApi.change(operator, theirsId, "status", "{\"status\":\"IN_PROGRESS\"}"));
        assertEquals(403, CaseApi.change(operator, mineId, "assignee", "{\"assignee\":\"someone.else\"}"),
                "only a supervisor gives a case to someone else");

        assertEquals(200, CaseApi.change(operator, mineId, "assignee", "{\"assignee\":\"anna.anagrafe\"}"));
        as(operator).get("/api/v1/cases/" + mineId).then().statusCode(200)
                .body("assignee", equalTo("anna.anagrafe")).body("statusChanges[0].actor", equalTo("anna.anagrafe"));
        try (TopicProbe probe = new TopicProbe(TestKafka.bootstrapServers(), Topics.CASE_EVENTS)) {
            var assigned = probe.await(r -> mineId.equals(r.key()), 3, CaseApi.PATIENCE).stream()
                    .map(r -> EventSchema.CASE_EVENT.read(r.value(), CaseEvent.class))
                    .filter(e -> e.change().actor() != null).toList();
            assertEquals(List.of("anna.anagrafe", "anna.anagrafe"), assigned.stream().map(e -> e.change().actor()).toList(),
                    "the case events name the token's user");
        }

        as(operator).contentType(ContentType.JSON).body("{\"queue\":\"" + tributi + "\"}")
                .put("/api/v1/cases/" + mineId + "/queue").then().statusCode(200).body("queue", equalTo(tributi));
        as(operator).get("/api/v1/cases/" + mineId).then().statusCode(403);
    }

    private static RoutingDecision decision(String category, String queue) {
        return new RoutingDecision(category, 0.9, false, "it", queue, 48, List.of(), "test");
    }
}
