package org.ascolto.cases;

import static org.ascolto.cases.CaseApi.awaitCaseOf;
import static org.ascolto.cases.CaseApi.change;
import static org.ascolto.cases.CaseApi.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.ascolto.contracts.CaseEvent;
import org.ascolto.contracts.CitizenContact;
import org.ascolto.contracts.EventSchema;
import org.ascolto.contracts.Topics;
import org.ascolto.kafka.CloudEventHeaders;
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
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(KeyringTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
@QuarkusTestResource(IdentityTestResource.class)
class CaseLifecycleTest {

    @Inject
    SealedRecords sealed;

    /** An operator of the queue the tests' decisions give social-services contacts. */
    private static final String OPERATOR = TestTokens.operator("g.russo", "social-services-queue");

    @TestHTTPResource(value = "/openapi", management = true)
    URL openApi;

    @Test
    void theCaseEventStreamOnTheTopicMatchesTheCaseHistory() {
        String citizen = Contacts.newCitizenKey();
        CitizenContact first = Contacts.contact("phone", citizen, "mia madre è sola senza riscaldamento, numero +393331234567");
        TestKafka.send(List.of(Contacts.routedRecord(first, Contacts.decision("social-services", false), sealed::routed)));
        String caseId = awaitCaseOf(first.contactId()).getString("id");

        assertEquals(200, change(caseId, "assignee", "{\"assignee\":\"g.russo\"}"));
        assertEquals(200, change(OPERATOR, caseId, "status", "{\"status\":\"IN_PROGRESS\"}"));
        CaseApi.as(OPERATOR).contentType(ContentType.JSON).body("{\"text\":\"chiamata la figlia\"}")
                .post("/api/v1/cases/" + caseId + "/notes").then().statusCode(201);
        CitizenContact second = Contacts.contact("whatsapp", citizen, "ancora senza riscaldamento");
        TestKafka.send(List.of(Contacts.routedRecord(second, Contacts.decision("social-services", true), sealed::routed)));
        awaitCaseOf(second.contactId());
        assertEquals(200, change(OPERATOR, caseId, "queue", "{\"queue\":\"emergenza-abitativa\"}"));
        assertEquals(200, change(caseId, "status", "{\"status\":\"RESOLVED\"}"));
        assertEquals(200, change(caseId, "status", "{\"status\":\"CLOSED\"}"));

        List<String> expectedTypes = List.of(CaseEvent.OPENED, CaseEvent.ASSIGNED, CaseEvent.STATUS_CHANGED,
                CaseEvent.STATUS_CHANGED, CaseEvent.NOTE_ADDED, CaseEvent.CONTACT_ADDED, CaseEvent.ASSIGNED,
                CaseEvent.STATUS_CHANGED, CaseEvent.CLOSED);
        List<ConsumerRecord<String, byte[]>> records;
        try (TopicProbe probe = new TopicProbe(TestKafka.bootstrapServers(), Topics.CASE_EVENTS)) {
            records = probe.await(r -> caseId.equals(r.key()), expectedTypes.size(), CaseApi.PATIENCE);
        }
        List<CaseEvent> events = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            CaseEvent event = EventSchema.CASE_EVENT.read(record.value(), CaseEvent.class);
            events.add(event);
            assertEquals(event.eventId().toString(), CloudEventHeaders.text(record.headers(), CloudEventHeaders.ID).orElseThrow());
            assertEquals(event.type(), CloudEventHeaders.text(record.headers(), CloudEventHeaders.TYPE).orElseThrow());
            assertNotNull(Instant.parse(CloudEventHeaders.text(record.headers(), CloudEventHeaders.TIME).orElseThrow()));
            String payload = new String(record.value(), StandardCharsets.UTF_8);
            assertFalse(payload.contains("riscaldamento") || payload.contains("+39") || payload.contains("figlia"), payload);
        }
        assertEquals(expectedTypes, events.stream().map(CaseEvent::type).toList());
        assertEquals(java.util.Arrays.asList(null, "s.supervisor", "s.supervisor", "g.russo", "g.russo", null, "g.russo", "s.supervisor",
                "s.supervisor"), events.stream().map(e -> e.change().actor()).toList(), "every change under the token's user");
        assertEquals(IntStream.rangeClosed(1, expectedTypes.size()).boxed().toList(), events.stream().map(CaseEvent::sequence).toList());
        assertEquals(expectedTypes.size(), new HashSet<>(events.stream().map(CaseEvent::eventId).toList()).size());

        JsonPath history = given().get("/api/v1/cases/" + caseId).then().statusCode(200).extract().jsonPath();
        List<String> statusesOnTopic = events.stream().map(e -> e.change().toStatus()).filter(s -> s != null).toList();
        assertEquals(history.getList("statusChanges.to"), statusesOnTopic);
        CaseEvent last = events.get(events.size() - 1);
        assertEquals(history.getString("status"), last.state().status());
        assertEquals(history.getString("queue"), last.state().queue());
        assertEquals("URGENT", last.state().priority());
        assertEquals(2, last.state().contactCount());
        assertEquals(history.getList("contacts.contactId"), events.stream().map(e -> e.change().contactId())
                .filter(id -> id != null).map(Object::toString).toList());
    }

    @Test
    void operatorsChangingOneCaseAtOnceAreAllHeardOneAfterTheOther() throws Exception {
        CitizenContact contact = Contacts.contact("web", Contacts.newCitizenKey(), "vorrei sapere a che punto è la mia pratica");
        TestKafka.send(List.of(Contacts.routedRecord(contact, Contacts.decision("registry-office", false), sealed::routed)));
        String caseId = awaitCaseOf(contact.contactId()).getString("id");
        int writers = 8;

        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < writers; i++) {
                String text = "nota " + i;
                answers.add(pool.submit(() -> {
                    start.await();
                    return given().contentType(ContentType.JSON).body("{\"text\":\"" + text + "\"}")
                            .post("/api/v1/cases/" + caseId + "/notes").statusCode();
                }));
            }
            start.countDown();
            for (Future<Integer> answer : answers) {
                assertEquals(201, answer.get(60, TimeUnit.SECONDS), "no operator is refused because another wrote meanwhile");
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(writers, given().get("/api/v1/cases/" + caseId).then().statusCode(200).extract().jsonPath()
                .getList("notes").size());
    }

    @Test
    void anIllegalTransitionIsAConflictWithAProblemBody() {
        CitizenContact contact = Contacts.contact("web", Contacts.newCitizenKey(), "vorrei un certificato");
        TestKafka.send(List.of(Contacts.routedRecord(contact, Contacts.decision("registry-office", false), sealed::routed)));
        String caseId = awaitCaseOf(contact.contactId()).getString("id");

        given().contentType(ContentType.JSON).body("{\"status\":\"WAITING_CITIZEN\"}")
                .put("/api/v1/cases/" + caseId + "/status").then().statusCode(409)
                .contentType("application/problem+json")
                .body("status", equalTo(409)).body("detail", containsString("NEW cannot move to WAITING_CITIZEN"));
        given().contentType(ContentType.JSON).body("{\"status\":\"DONE\"}")
                .put("/api/v1/cases/" + caseId + "/status").then().statusCode(400).contentType("application/problem+json");
        given().contentType(ContentType.JSON).body("{\"assignee\":\"x\"}")
                .put("/api/v1/cases/" + caseId + "/status").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", containsString("status"));
        given().get("/api/v1/cases/" + caseId).then().body("status", equalTo("NEW"));
    }

    @Test
    void operatorsListCasesWithFiltersPageByPage() {
        String queue = "q-" + Contacts.newCitizenKey().substring(0, 10).toLowerCase();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            CitizenContact contact = Contacts.contact(i == 0 ? "instagram" : "web", Contacts.newCitizenKey(), "buca in strada " + i);
            var decision = new org.ascolto.contracts.RoutingDecision("mobility", 0.8, i == 0, "it", queue, 48, List.of(), "test");
            TestKafka.send(List.of(Contacts.routedRecord(contact, decision, sealed::routed)));
            ids.add(awaitCaseOf(contact.contactId()).getString("id"));
        }

        List<String> paged = new ArrayList<>();
        String cursor = null;
        do {
            var request = given().queryParam("queue", queue).queryParam("limit", 2).queryParam("status", "NEW,ASSIGNED");
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            JsonPath page = request.get("/api/v1/cases").then().statusCode(200).extract().jsonPath();
            paged.addAll(page.getList("cases.id"));
            cursor = page.getString("nextCursor");
        } while (cursor != null);
        assertEquals(new HashSet<>(ids), new HashSet<>(paged));
        assertEquals(5, paged.size());

        given().queryParam("queue", queue).queryParam("urgent", "true").get("/api/v1/cases").then().statusCode(200)
                .body("cases.size()", equalTo(1)).body("cases[0].id", equalTo(ids.get(0)));
        given().queryParam("queue", queue).queryParam("channel", "instagram").get("/api/v1/cases").then()
                .body("cases.id", equalTo(List.of(ids.get(0))));
        given().queryParam("queue", queue).queryParam("overdue", "true").get("/api/v1/cases").then()
                .body("cases.size()", equalTo(0));
        given().queryParam("queue", queue).queryParam("openedFrom", Instant.now().plusSeconds(3600).toString())
                .get("/api/v1/cases").then().body("cases.size()", equalTo(0));

        for (String bad : List.of("status=LOST", "openedFrom=yesterday", "limit=0", "urgent=maybe", "cursor=xyz")) {
            String[] param = bad.split("=");
            given().queryParam(param[0], param[1]).get("/api/v1/cases").then().statusCode(400)
                    .contentType("application/problem+json").body("detail", containsString(param[0]));
        }
        assertTrue(RestAssured.given().get(openApi).then().statusCode(200).extract().asString().contains("/api/v1/cases/{id}/status"));
    }
}
