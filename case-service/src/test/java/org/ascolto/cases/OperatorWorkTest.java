package org.ascolto.cases;

import static org.ascolto.cases.CaseApi.as;
import static org.ascolto.cases.CaseApi.awaitCaseOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

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
import org.ascolto.localinfra.TestTables;
import org.ascolto.localinfra.TestTokens;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * What the operator console asks of the API: the caller's queues with their counts, the work list urgent first then by
 * SLA due time across cursor pages, a case's routing reasons and legal next statuses, a requeue with its reason, the
 * live changes of the caller's queues.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(KeyringTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
@QuarkusTestResource(IdentityTestResource.class)
class OperatorWorkTest {

    @Inject
    SealedRecords sealed;

    private static final String OPEN = "NEW,ASSIGNED,IN_PROGRESS,WAITING_CITIZEN";

    @Test
    void theWorkListIsUrgentFirstThenByDueTimeWithoutSlaLastAcrossPages() {
        String queue = uniqueQueue("anagrafe");
        // text -> (urgent, SLA hours): sent in an order that is none of the expected one
        Map<String, RoutingDecision> sent = Map.of(
                "senza scadenza", decision(queue, false, null),
                "entro due giorni", decision(queue, false, 48),
                "urgente entro due giorni", decision(queue, true, 48),
                "entro un'ora", decision(queue, false, 1),
                "urgente entro un'ora", decision(queue, true, 1));
        List<CitizenContact> contacts = new ArrayList<>();
        sent.forEach((text, decision) -> {
            CitizenContact contact = Contacts.contact("web", Contacts.newCitizenKey(), text);
            contacts.add(contact);
            TestKafka.send(List.of(Contacts.routedRecord(contact, decision, sealed::routed)));
        });
        contacts.forEach(contact -> awaitCaseOf(contact.contactId()));
        String operator = TestTokens.operator("anna.anagrafe", queue);

        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            var request = as(operator).queryParam("order", "due").queryParam("status", OPEN).queryParam("limit", 2);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            JsonPath page = request.get("/api/v1/cases").then().statusCode(200).extract().jsonPath();
            for (String id : page.<String>getList("cases.id")) {
                seen.add(as(operator).get("/api/v1/cases/" + id).jsonPath().getString("contacts[0].text"));
            }
            cursor = page.getString("nextCursor");
            pages++;
        } while (cursor != null);

        assertEquals(List.of("urgente entro un'ora", "urgente entro due giorni", "entro un'ora", "entro due giorni", "senza scadenza"),
                seen);
        assertEquals(3, pages);
        as(operator).queryParam("order", "oldest").get("/api/v1/cases").then().statusCode(400)
                .body("detail", containsString("newest or due"));
    }

    @Test
    void anOperatorSeesTheirQueuesEvenEmptyWithOpenUnassignedUrgentAndOverdueCounts() {
        String queue = uniqueQueue("tributi");
        String empty = uniqueQueue("contravvenzioni");
        String elsewhere = uniqueQueue("mobilita");
        CitizenContact urgent = Contacts.contact("web", Contacts.newCitizenKey(), "urgente");
        CitizenContact overdue = Contacts.contact("web", Contacts.newCitizenKey(), "scaduta");
        CitizenContact taken = Contacts.contact("web", Contacts.newCitizenKey(), "presa in carico");
        CitizenContact other = Contacts.contact("web", Contacts.newCitizenKey(), "altro ufficio");
        TestKafka.send(List.of(Contacts.routedRecord(urgent, decision(queue, true, 24), sealed::routed),
                Contacts.routedRecord(overdue, decision(queue, false, 1), sealed::routed),
                Contacts.routedRecord(taken, decision(queue, false, 24), sealed::routed),
                Contacts.routedRecord(other, decision(elsewhere, false, 24), sealed::routed)));
        String takenId = awaitCaseOf(taken.contactId()).getString("id");
        awaitCaseOf(urgent.contactId());
        String overdueId = awaitCaseOf(overdue.contactId()).getString("id");
        // an hour's SLA that passed: the case as it stands an hour and more after it opened
        TestTables.rows("UPDATE cases SET sla_due_at = now() - interval '1 minute' WHERE id = ? RETURNING id", UUID.fromString(overdueId));
        awaitCaseOf(other.contactId());
        String operator = TestTokens.operator("tommaso.tributi", queue, empty);
        assertEquals(200, CaseApi.change(operator, takenId, "assignee", "{\"assignee\":\"tommaso.tributi\"}"));

        JsonPath queues = as(operator).get("/api/v1/queues").then().statusCode(200).extract().jsonPath();
        assertEquals(List.of(empty, queue).stream().sorted().toList(), queues.getList("queues.queue"));
        assertEquals(Map.of("queue", queue, "open", 3, "unassigned", 2, "urgent", 1, "overdue", 1),
                queues.getMap("queues.find { it.queue == '" + queue + "' }"));
        assertEquals(Map.of("queue", empty, "open", 0, "unassigned", 0, "urgent", 0, "overdue", 0),
                queues.getMap("queues.find { it.queue == '" + empty + "' }"));
        CaseApi.given().get("/api/v1/queues").then().statusCode(200)
                .body("queues.find { it.queue == '" + elsewhere + "' }.open", equalTo(1));
        as(TestTokens.of("a.analyst", List.of("analyst"), List.of())).get("/api/v1/queues").then().statusCode(403);
    }

    @Test
    void aCaseShowsItsRoutingReasonsAndLegalMovesAndARequeueKeepsItsReasonAsANote() {
        String queue = uniqueQueue("anagrafe");
        CitizenContact contact = Contacts.contact("web", Contacts.newCitizenKey(), "carta d'identità smarrita");
        RoutingDecision decision = new RoutingDecision("registry-office", 0.8, false, "it", queue, 48,
                List.of("keyword: carta d'identità"), "test");
        TestKafka.send(List.of(Contacts.routedRecord(contact, decision, sealed::routed)));
        JsonPath opened = awaitCaseOf(contact.contactId());
        String id = opened.getString("id");
        assertEquals(List.of("keyword: carta d'identità"), opened.getList("contacts[0].routing.reasons"));
        assertEquals(queue, opened.getString("contacts[0].routing.queue"));
        assertEquals(List.of("ASSIGNED", "IN_PROGRESS", "RESOLVED", "CLOSED"), opened.getList("nextStatuses"));

        String operator = TestTokens.operator("anna.anagrafe", queue);
        JsonPath moved = as(operator).contentType(ContentType.JSON)
                .body("{\"queue\":\"tributi\",\"reason\":\"Riguarda la TARI, non l'anagrafe\"}")
                .put("/api/v1/cases/" + id + "/queue").then().statusCode(200).extract().jsonPath();
        assertEquals("tributi", moved.getString("queue"));
        assertEquals("Riguarda la TARI, non l'anagrafe", moved.getString("notes[0].text"));
        assertEquals("anna.anagrafe", moved.getString("notes[0].author"));

        JsonPath without = CaseApi.given().contentType(ContentType.JSON).body("{\"queue\":\"urp\"}")
                .put("/api/v1/cases/" + id + "/queue").then().statusCode(200).extract().jsonPath();
        assertEquals(1, without.getList("notes").size(), "a requeue without a reason adds no note");
        assertNull(without.getString("assignee"));
    }

    @Test
    void theLiveChangesAreThoseOfTheCallersQueuesOnly() throws Exception {
        String mine = uniqueQueue("anagrafe");
        String others = uniqueQueue("tributi");
        CitizenContact inMine = Contacts.contact("web", Contacts.newCitizenKey(), "residenza da cambiare");
        CitizenContact inOthers = Contacts.contact("web", Contacts.newCitizenKey(), "TARI da pagare");
        TestKafka.send(List.of(Contacts.routedRecord(inMine, decision(mine, false, 48), sealed::routed),
                Contacts.routedRecord(inOthers, decision(others, false, 48), sealed::routed)));
        String mineId = awaitCaseOf(inMine.contactId()).getString("id");
        String othersId = awaitCaseOf(inOthers.contactId()).getString("id");
        String operator = TestTokens.operator("anna.anagrafe", mine);

        BlockingQueue<JsonPath> received = new LinkedBlockingQueue<>();
        var stream = HttpClient.newHttpClient().sendAsync(HttpRequest.newBuilder(URI.create(RestAssured.baseURI + ":" + RestAssured.port
                + "/api/v1/cases/changes")).header("Authorization", "Bearer " + operator).header("Accept", "text/event-stream").build(),
                HttpResponse.BodyHandlers.ofLines()).thenAccept(response -> response.body().filter(line -> line.startsWith("data:"))
                        .forEach(line -> received.add(JsonPath.from(line.substring("data:".length())))));
        try {
            // the stream may open after the first note, or before the relay published the case's opening: notes are
            // added until one shows
            JsonPath first = null;
            for (int note = 0; note < 10 && first == null; note++) {
                assertEquals(201, note(operator, mineId));
                first = nextNoteAdded(received);
            }
            assertEquals(mineId, first.getString("caseId"));
            assertEquals("crm.case.note-added.v1", first.getString("type"));
            assertEquals("anna.anagrafe", first.getString("actor"));
            assertEquals(mine, first.getString("queue"));

            assertEquals(201, note(CaseApi.SUPERVISOR, othersId));
            assertEquals(201, note(operator, mineId));
            JsonPath next = received.poll(30, TimeUnit.SECONDS);
            assertEquals(mineId, next.getString("caseId"), "the other queue's change is not shown to anna");
            assertNull(received.poll(2, TimeUnit.SECONDS), "nothing of the other queue comes later either");
        } finally {
            stream.cancel(true);
        }
    }

    /** The next note-added event to arrive within 3 s, past the case's opening; null when none came. */
    private static JsonPath nextNoteAdded(BlockingQueue<JsonPath> received) throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
        for (JsonPath event; (event = received.poll(until - System.nanoTime(), TimeUnit.NANOSECONDS)) != null;) {
            if (!"crm.case.opened.v1".equals(event.getString("type"))) {
                return event;
            }
        }
        return null;
    }

    @Test
    void aSupervisorGivesSeveralCasesToAnOperatorAtOnceAllOrNoneAndSeesEachOperatorsLoad() {
        String queue = uniqueQueue("tributi");
        String operator = "tommaso-" + queue;
        CitizenContact first = Contacts.contact("web", Contacts.newCitizenKey(), "rimborso TARI");
        CitizenContact second = Contacts.contact("web", Contacts.newCitizenKey(), "IMU seconda casa");
        TestKafka.send(List.of(Contacts.routedRecord(first, decision(queue, true, 48), sealed::routed), Contacts.routedRecord(second, decision(queue, false, 48), sealed::routed)));
        String firstId = awaitCaseOf(first.contactId()).getString("id");
        String secondId = awaitCaseOf(second.contactId()).getString("id");
        String body = "{\"caseIds\":[\"" + firstId + "\",\"" + secondId + "\"],\"assignee\":\"" + operator + "\"}";
        String anOperator = TestTokens.operator("tommaso.tributi", queue);

        as(anOperator).contentType(ContentType.JSON).body(body).put("/api/v1/cases/assignee").then().statusCode(403);
        as(anOperator).get("/api/v1/operators").then().statusCode(403);
        String withUnknown = body.replace("\"]", "\",\"" + UUID.randomUUID() + "\"]");
        CaseApi.given().contentType(ContentType.JSON).body(withUnknown).put("/api/v1/cases/assignee").then().statusCode(404);
        assertNull(CaseApi.given().get("/api/v1/cases/" + firstId).jsonPath().getString("assignee"), "none, when one cannot be given");
        CaseApi.given().contentType(ContentType.JSON).body("{\"caseIds\":[],\"assignee\":\"x\"}").put("/api/v1/cases/assignee")
                .then().statusCode(400);

        CaseApi.given().contentType(ContentType.JSON).body(body).put("/api/v1/cases/assignee").then().statusCode(200)
                .body("cases.assignee", equalTo(List.of(operator, operator)));
        JsonPath load = CaseApi.given().get("/api/v1/operators").then().statusCode(200).extract().jsonPath();
        assertEquals(Map.of("assignee", operator, "open", 2, "urgent", 1, "overdue", 0),
                load.getMap("operators.find { it.assignee == '" + operator + "' }"));
    }

    private static int note(String token, String caseId) {
        return as(token).contentType(ContentType.JSON).body("{\"text\":\"richiamato il cittadino\"}")
                .post("/api/v1/cases/" + caseId + "/notes").statusCode();
    }

    private static RoutingDecision decision(String queue, boolean urgent, Integer slaHours) {
        return new RoutingDecision("registry-office", 0.9, urgent, "it", queue, slaHours, List.of(), "test");
    }

    private static String uniqueQueue(String name) {
        return name + "-" + Contacts.newCitizenKey().substring(0, 8).toLowerCase();
    }
}
