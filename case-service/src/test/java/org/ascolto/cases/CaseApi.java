package org.ascolto.cases;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.ascolto.localinfra.TestTokens;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;

/** What a test does through the operator API, as an operator's screen would, with a bearer token. */
final class CaseApi {

    static final Duration PATIENCE = Duration.ofSeconds(45);
    /** The supervisor the tests act as unless they say otherwise. */
    static final String SUPERVISOR = TestTokens.supervisor("s.supervisor");

    private CaseApi() {
    }

    /** A request as the supervisor. */
    static RequestSpecification given() {
        return as(SUPERVISOR);
    }

    /** A request with this bearer token. */
    static RequestSpecification as(String token) {
        return RestAssured.given().auth().oauth2(token);
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

    /** PUTs a change to the case as the supervisor and answers the HTTP status. */
    static int change(String caseId, String what, String body) {
        return change(SUPERVISOR, caseId, what, body);
    }

    /** PUTs a change to the case with this token and answers the HTTP status. */
    static int change(String token, String caseId, String what, String body) {
        return as(token).contentType(ContentType.JSON).body(body).put("/api/v1/cases/" + caseId + "/" + what).statusCode();
    }

    static void pause() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
