package org.ascolto.cases;

import static org.ascolto.cases.CaseApi.as;
import static org.ascolto.cases.CaseApi.awaitCaseOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.ascolto.contracts.CaseEvent;
import org.ascolto.contracts.CitizenContact;
import org.ascolto.contracts.EventSchema;
import org.ascolto.contracts.RoutingDecision;
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
import org.ascolto.localinfra.TestTokens;
import org.ascolto.localinfra.TopicProbe;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * An operator corrects the category routing gave: the case moves to the area's queue with its SLA, a case event names
 * the categories and the operator (no text), the audit log has it, and the correction becomes a labelled example that
 * only the model trainer reads, audited, and that an erasure takes away.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(KeyringTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
@QuarkusTestResource(IdentityTestResource.class)
class CategoryCorrectionTest {

    @Inject
    SealedRecords sealed;

    private static final String TRAINER = TestTokens.of("marta.modelli", List.of("model-trainer"), List.of());

    @Test
    void aCorrectionMovesTheCaseToTheAreasQueueTellsSubscribersAndBecomesATrainingExample() {
        String queue = "mobilita-" + UUID.randomUUID().toString().substring(0, 8);
        String text = "c'è un uomo che urla e lancia bottiglie in via Padova " + UUID.randomUUID();
        CitizenContact contact = Contacts.contact("web", Contacts.newCitizenKey(), text);
        TestKafka.send(List.of(Contacts.routedRecord(contact, decision(queue), sealed::routed)));
        JsonPath opened = awaitCaseOf(contact.contactId());
        String caseId = opened.getString("id");
        String operator = TestTokens.operator("marco.operatore", queue);
        as(operator).get("/api/v1/categories").then().statusCode(200)
                .body("categories.find { it.id == 'safety' }.nameIt", equalTo("Sicurezza e Polizia Locale"))
                .body("categories.find { it.id == 'safety' }.queue", equalTo("polizia-locale"));

        as(operator).contentType(ContentType.JSON).body("{\"category\":\"safety\"}").put("/api/v1/cases/" + caseId + "/category")
                .then().statusCode(200).body("category", equalTo("safety")).body("queue", equalTo("polizia-locale"));
        // safety's SLA (24 hours) from when the case opened
        Instant openedAt = Instant.parse(opened.getString("openedAt"));
        assertEquals(openedAt.plus(Duration.ofHours(24)),
                Instant.parse(CaseApi.given().get("/api/v1/cases/" + caseId).jsonPath().getString("slaDueAt")));
        // the case is in another office's queue now: not the operator's to correct again
        assertEquals(403, CaseApi.change(operator, caseId, "category", "{\"category\":\"mobility\"}"));

        try (TopicProbe events = new TopicProbe(TestKafka.bootstrapServers(), Topics.CASE_EVENTS)) {
            var corrected = events.await(r -> caseId.equals(r.key()) && CaseEvent.CATEGORY_CORRECTED.equals(
                    CloudEventHeaders.text(r.headers(), CloudEventHeaders.TYPE).orElse("")), 1, CaseApi.PATIENCE);
            CaseEvent event = EventSchema.CASE_EVENT.read(corrected.get(0).value(), CaseEvent.class);
            assertEquals(new CaseEvent.Change(null, null, null, null, null, "marco.operatore", null, null, null, "mobility", "safety"),
                    event.change());
            assertEquals("safety", event.state().category());
            assertEquals("polizia-locale", event.state().queue());
            assertFalse(new String(corrected.get(0).value(), StandardCharsets.UTF_8).contains("bottiglie"));
        }
        assertEquals(List.of(List.of("marco.operatore", "from mobility to safety")), TestTables.rows(
                "select actor, detail from audit_log where case_id = ? and action = 'case.category'", UUID.fromString(caseId)));
        assertEquals(List.of(List.of("mobility", "safety", "marco.operatore")), TestTables.rows("select from_category, to_category,"
                + " corrected_by from category_corrections where case_id = ?", UUID.fromString(caseId)));

        RestAssured.given().get("/api/v1/corrections").then().statusCode(401);
        as(operator).get("/api/v1/corrections").then().statusCode(403);
        CaseApi.given().get("/api/v1/corrections").then().statusCode(403);
        List<Map<String, Object>> examples = as(TRAINER).get("/api/v1/corrections").then().statusCode(200).extract().jsonPath()
                .getList("examples");
        assertEquals(List.of(Map.of("text", text, "category", "safety", "urgent", false, "language", "it", "channel", "web")),
                examples.stream().filter(example -> text.equals(example.get("text"))).toList());
        assertEquals(1L, TestTables.number("select count(*) from audit_log where case_id = ? and action = 'corrections.read'"
                + " and actor = 'marta.modelli'", UUID.fromString(caseId)));

        as(TestTokens.of("dora.dpo", List.of("data-protection-officer"), List.of())).contentType(ContentType.JSON)
                .body("{\"citizenKey\":\"" + contact.citizen().key() + "\"}").post("/api/v1/privacy/erasures").then().statusCode(201);
        assertTrue(as(TRAINER).get("/api/v1/corrections").jsonPath().<String>getList("examples.text").stream()
                .noneMatch(t -> t.contains(text)), "an erased citizen's words are no training example");
    }

    @Test
    void anUnknownCategoryIsA400TheSameOrAClosedCaseA409AnotherQueueA403() {
        String queue = "anagrafe-" + UUID.randomUUID().toString().substring(0, 8);
        CitizenContact contact = Contacts.contact("web", Contacts.newCitizenKey(), "certificato di residenza");
        TestKafka.send(List.of(Contacts.routedRecord(contact, decision(queue), sealed::routed)));
        String caseId = awaitCaseOf(contact.contactId()).getString("id");

        CaseApi.given().contentType(ContentType.JSON).body("{\"category\":\"weather\"}").put("/api/v1/cases/" + caseId + "/category")
                .then().statusCode(400).contentType("application/problem+json").body("detail", containsString("registry-office"));
        for (String bad : List.of("{}", "{\"category\":\"\"}", "{\"category\":\"" + "x".repeat(65) + "\"}", "[]", "{\"category\":")) {
            assertEquals(400, CaseApi.change(caseId, "category", bad), bad);
        }
        CaseApi.given().contentType(ContentType.JSON).body("{\"category\":\"mobility\"}").put("/api/v1/cases/" + caseId + "/category")
                .then().statusCode(409).contentType("application/problem+json").body("detail", containsString("already"));
        assertEquals(403, CaseApi.change(TestTokens.operator("tommaso.tributi", "tributi"), caseId, "category", "{\"category\":\"taxes\"}"));
        assertEquals(403, CaseApi.change(TestTokens.of("a.analyst", List.of("analyst"), List.of()), caseId, "category",
                "{\"category\":\"taxes\"}"));
        assertEquals(404, CaseApi.change(UUID.randomUUID().toString(), "category", "{\"category\":\"taxes\"}"));
        assertEquals(200, CaseApi.change(caseId, "status", "{\"status\":\"CLOSED\"}"));
        CaseApi.given().contentType(ContentType.JSON).body("{\"category\":\"registry-office\"}").put("/api/v1/cases/" + caseId + "/category")
                .then().statusCode(409).body("detail", containsString("closed"));
        assertEquals(0L, TestTables.number("select count(*) from category_corrections where case_id = ?", UUID.fromString(caseId)));
    }

    private static RoutingDecision decision(String queue) {
        return new RoutingDecision("mobility", 0.6, false, "it", queue, 48, List.of("language it", "mobility: via"), "test");
    }
}
