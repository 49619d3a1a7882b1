package org.ascolto.open311;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.inject.Inject;

import org.ascolto.contracts.CaseEvent;
import org.ascolto.contracts.CitizenContact;
import org.ascolto.contracts.EventJson;
import org.ascolto.contracts.Topics;
import org.ascolto.kafka.CloudEventHeaders;
import org.ascolto.keyring.SealedRecords;
import org.ascolto.localinfra.Eventually;
import org.ascolto.localinfra.IdentityTestResource;
import org.ascolto.localinfra.KafkaTestResource;
import org.ascolto.localinfra.KeyringTestResource;
import org.ascolto.localinfra.PostgresTestResource;
import org.ascolto.localinfra.TestKafka;
import org.ascolto.localinfra.TestTokens;
import org.ascolto.localinfra.TopicProbe;
import org.junit.jupiter.api.Test;

import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** Open311 GeoReport v2 as a civic app uses it; JSON answers are checked against the published Open311 schemas. */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(KeyringTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
@QuarkusTestResource(IdentityTestResource.class)
class Open311Test {

    @Inject
    SealedRecords sealed;

    static final Duration PATIENCE = Duration.ofSeconds(45);
    private static final String INTEGRATOR = TestTokens.of("ivo.integrator", List.of("integrator"), List.of());
    private static String apiKey;

    /** A civic app registered by an integrator, and its key. */
    static String registerClient(String name) {
        return given().auth().oauth2(INTEGRATOR).contentType("application/json").body("{\"name\":\"" + name + "\"}")
                .post("/api/v1/open311-clients").then().statusCode(201).extract().path("apiKey");
    }

    private static synchronized String apiKey() {
        if (apiKey == null) {
            apiKey = registerClient("Segnala Milano (test)");
        }
        return apiKey;
    }

    @Test
    void onlyACivicAppWithAKeyInForcePostsRequestsAndOnlyIntegratorsManageKeys() {
        String key = registerClient("App di quartiere");
        given().formParam("api_key", key).formParam("service_code", "other").formParam("address_string", "Piazza Duomo")
                .formParam("description", "panchina rotta").post("/open311/v2/requests.json").then().statusCode(200);
        given().formParam("service_code", "other").formParam("address_string", "Piazza Duomo").formParam("description", "x")
                .post("/open311/v2/requests.json").then().statusCode(403).body("[0].code", equalTo(403))
                .body("[0].description", containsString("api_key"));
        given().formParam("api_key", "o311_guessed").formParam("service_code", "other").formParam("address_string", "Piazza Duomo")
                .formParam("description", "x").post("/open311/v2/requests.xml").then().statusCode(403)
                .body("errors.error.code", equalTo("403"));

        String id = given().auth().oauth2(INTEGRATOR).get("/api/v1/open311-clients").then().statusCode(200)
                .extract().path("find { it.name == 'App di quartiere' }.id");
        given().auth().oauth2(INTEGRATOR).get("/api/v1/open311-clients").then()
                .body("find { it.name == 'App di quartiere' }.apiKey", equalTo(null));
        given().auth().oauth2(INTEGRATOR).delete("/api/v1/open311-clients/" + id).then().statusCode(204);
        given().formParam("api_key", key).formParam("service_code", "other").formParam("address_string", "Piazza Duomo")
                .formParam("description", "panchina rotta").post("/open311/v2/requests.json").then().statusCode(403);

        given().get("/api/v1/open311-clients").then().statusCode(401).contentType("application/problem+json");
        given().auth().oauth2(TestTokens.supervisor("s.supervisor")).contentType("application/json").body("{\"name\":\"x\"}")
                .post("/api/v1/open311-clients").then().statusCode(403);
        given().get("/open311/v2/services.json").then().statusCode(200);
    }

    @Test
    void servicesAreTheTaxonomyInJsonAndXml() {
        String services = given().get("/open311/v2/services.json").then().statusCode(200)
                .contentType(containsString("application/json")).extract().asString();
        assertValid("services.json", services);
        given().get("/open311/v2/services.json").then().body("service_code", hasItem("registry-office"))
                .body("find { it.service_code == 'fines' }.service_name", equalTo("Multe e sanzioni"));
        given().get("/open311/v2/services.xml").then().statusCode(200).contentType(containsString("text/xml"))
                .body("services.service.find { it.service_code == 'mobility' }.type", equalTo("realtime"));
        assertValid("service-definition.json",
                given().get("/open311/v2/services/taxes.json").then().statusCode(200).extract().asString());
        given().get("/open311/v2/discovery.json").then().statusCode(200)
                .body("endpoints[0].specification", equalTo("http://wiki.open311.org/GeoReport_v2"))
                .body("endpoints[0].formats", hasItem("text/xml"));
    }

    @Test
    void aPostedRequestGetsATokenThatLeadsToItsServiceRequest() {
        String token = given().formParam("api_key", apiKey()).formParam("service_code", "mobility").formParam("lat", "45.4781").formParam("long", "9.2252")
                .formParam("email", "anna.verdi@example.org").formParam("first_name", "Anna")
                .formParam("description", "Semaforo spento all'incrocio di viale Monza con via Padova")
                .post("/open311/v2/requests.json").then().statusCode(200)
                .extract().path("[0].token");
        CaseEvents events = openCaseAsTheCaseServiceWould(token, "mobility");

        String requestId = awaitToken(token);
        String single = given().get("/open311/v2/requests/" + requestId + ".json").then().statusCode(200)
                .extract().asString();
        assertValid("requests.json", single);
        given().get("/open311/v2/requests/" + requestId + ".json").then()
                .body("[0].status", equalTo("open"))
                .body("[0].service_request_id", equalTo(requestId))
                .body("[0].requested_datetime", containsString("T"));
        given().get("/open311/v2/requests/" + requestId + ".xml").then().statusCode(200)
                .body("service_requests.request.service_request_id", equalTo(requestId));

        String list = given().queryParam("service_code", "mobility,other").queryParam("status", "open")
                .queryParam("start_date", Instant.now().minusSeconds(3600).toString())
                .get("/open311/v2/requests.json").then().statusCode(200).extract().asString();
        assertValid("requests.json", list);
        assertEquals(1, EventJson.parse(list.getBytes()).findValuesAsText("service_request_id").stream()
                .filter(requestId::equals).count());
        given().queryParam("service_request_id", requestId + ",MI-1999-000000").get("/open311/v2/requests.json").then()
                .body("service_request_id", equalTo(List.of(requestId)));

        // the case is resolved; older events that arrive late, or again, do not take the request back
        events.publish(CaseEvent.STATUS_CHANGED, "IN_PROGRESS", null, null);
        CaseEvent resolved = events.publish(CaseEvent.STATUS_CHANGED, "RESOLVED", null, null);
        events.republish(2, CaseEvent.STATUS_CHANGED, "IN_PROGRESS");
        events.republish(1, CaseEvent.OPENED, "NEW");
        CaseEvent marker = events.publishBehind(CaseEvent.OPENED, "NEW");
        Eventually.value(PATIENCE, () -> given().get("/open311/v2/requests/" + marker.reference() + ".json").statusCode() == 200 ? "seen" : null);
        given().get("/open311/v2/requests/" + requestId + ".json").then()
                .body("[0].status", equalTo("closed")).body("[0].status_notes", equalTo("Resolved"))
                .body("[0].updated_datetime", equalTo(resolved.occurredAt().toString()));
        given().queryParam("service_code", "mobility").queryParam("status", "closed").get("/open311/v2/requests.json").then()
                .body("service_request_id", hasItem(requestId));
    }

    @Test
    void badRequestsGetTheSpecsErrorFormat() {
        given().formParam("api_key", apiKey()).formParam("service_code", "potholes").formParam("address_string", "Via Roma 1").formParam("description", "x")
                .post("/open311/v2/requests.json").then().statusCode(400)
                .body("[0].code", equalTo(400)).body("[0].description", containsString("service_code"));
        given().formParam("api_key", apiKey()).formParam("service_code", "mobility").formParam("description", "senza luogo")
                .post("/open311/v2/requests.xml").then().statusCode(400).contentType(containsString("text/xml"))
                .body("errors.error.code", equalTo("400")).body("errors.error.description", containsString("location"));
        // bodies that are not forms, as ./ascolto fuzz sent them: the framework's own form reader answered 500
        for (String notAForm : List.of("api_key=" + apiKey() + "&description=%E0%zz", "api_key=" + apiKey() + "&service_code=other%", "%")) {
            given().contentType("application/x-www-form-urlencoded").body(notAForm).post("/open311/v2/requests.json").then()
                    .statusCode(400).body("[0].code", equalTo(400)).body("[0].description", containsString("not a form"));
        }
        given().get("/open311/v2/requests/MI-1999-000000.json").then().statusCode(404).body("[0].code", equalTo(404));
        given().get("/open311/v2/tokens/" + UUID.randomUUID() + ".json").then().statusCode(404);
        given().queryParam("jurisdiction_id", "comune.torino.it").get("/open311/v2/services.json").then().statusCode(404)
                .body("[0].description", containsString("jurisdiction_id"));
        given().queryParam("start_date", "2026-01-01T00:00:00Z").queryParam("end_date", "2026-06-01T00:00:00Z")
                .get("/open311/v2/requests.json").then().statusCode(400).body("[0].description", containsString("90 days"));
    }

    /**
     * Routing and the case service are not part of this test: the contact the request became is read from the topic, and
     * the case events the case service would publish for it are published.
     */
    private CaseEvents openCaseAsTheCaseServiceWould(String token, String category) {
        try (TopicProbe contacts = new TopicProbe(TestKafka.bootstrapServers(), Topics.CONTACTS)) {
            var published = contacts.await(
                    r -> token.equals(CloudEventHeaders.text(r.headers(), CloudEventHeaders.ID).orElse(null)), 1, PATIENCE);
            assertEquals(1, published.size());
            CitizenContact contact = sealed.openContact(published.get(0).value()).orElseThrow();
            assertEquals("open311", contact.channel());
            assertEquals(UUID.fromString(token), contact.contactId());
            assertEquals(contact.citizen().key(), published.get(0).key());
            CaseEvents events = new CaseEvents(category);
            events.publish(CaseEvent.OPENED, "NEW", contact.contactId(), contact.channel());
            return events;
        }
    }



    private static String awaitToken(String token) {
        Instant deadline = Instant.now().plus(PATIENCE);
        while (Instant.now().isBefore(deadline)) {
            var response = given().get("/open311/v2/tokens/" + token + ".json");
            if (response.statusCode() == 200) {
                assertValid("token.json", response.asString());
                return response.jsonPath().getString("[0].service_request_id");
            }
            Eventually.pause(Duration.ofMillis(200));
        }
        throw new AssertionError("token " + token + " has no service request within " + PATIENCE);
    }

    /** Validates against the Open311 schema of that name; tokens answer service_request_id and token only. */
    private static void assertValid(String schema, String json) {
        if (schema.equals("token.json")) {
            var node = EventJson.parse(json.getBytes());
            assertEquals(1, node.size(), json);
            assertEquals(Set.of("service_request_id", "token"), Set.copyOf(iterable(node.get(0).fieldNames())), json);
            return;
        }
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7,
                builder -> builder.schemaMappers(m -> m.mapPrefix("https://open311.org/schema/", "classpath:open311/")));
        JsonSchema validator = factory.getSchema(SchemaLocation.of("https://open311.org/schema/" + schema),
                SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build());
        List<String> violations = validator.validate(EventJson.parse(json.getBytes())).stream()
                .map(ValidationMessage::getMessage).toList();
        assertEquals(List.of(), violations, json);
    }

    private static <T> List<T> iterable(Iterator<T> it) {
        List<T> all = new ArrayList<>();
        it.forEachRemaining(all::add);
        return all;
    }
}
