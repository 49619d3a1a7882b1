package org.ascolto.cases;

import static io.restassured.RestAssured.given;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/** What a test does through the operator API, as an operator's screen would. */
final class CaseApi {

    static final Duration PATIENCE = Duration.ofSeconds(45);

    private CaseApi() {
    }

    /** The case of a contact, once the consumer has stored it. */
    static JsonPath awaitCaseOf(UUID contactId) {
        Instant deadline = Instant.now().plus(PATIENCE);
        while (Instant.now().isBefore(deadline)) {
            var response = given().get("/api/v1/contacts/" + contactId);
            if (response.statusCode() == 200) {
                return response.jsonPath();
            }
            pause();
        }
        throw new AssertionError("no case for contact " + contactId + " within " + PATIENCE);
    }

    /** PUTs a change to the case and answers the HTTP status. */
    static int change(String caseId, String what, String body) {
        return given().contentType(ContentType.JSON).body(body).put("/api/v1/cases/" + caseId + "/" + what).statusCode();
    }

    static void pause() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
