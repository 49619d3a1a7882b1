package org.ascolto.analytics;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.ascolto.contracts.CitizenContact;
import org.ascolto.localinfra.Contacts;
import org.ascolto.localinfra.IdentityTestResource;
import org.ascolto.localinfra.KafkaTestResource;
import org.ascolto.localinfra.TestKafka;
import org.ascolto.localinfra.TestTokens;
import org.ascolto.support.problem.Problem;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(IdentityTestResource.class)
class ChannelStatsResourceTest {

    private static final String ANALYST = TestTokens.of("alba.analyst", List.of("analyst"), List.of());
    private static final List<String> STATISTICS = List.of("/api/v1/stats/channels", "/api/v1/stats/channels?granularity=day",
            "/api/v1/stats/categories", "/api/v1/stats/journeys", "/api/v1/stats/year-to-date", "/api/v1/stats/overview");

    @Test
    void statisticsAreForAnalystsOnly() {
        for (String url : STATISTICS) {
            given().get(url).then().statusCode(401).contentType(Problem.MEDIA_TYPE).header("WWW-Authenticate", "Bearer");
            given().auth().oauth2(TestTokens.expired("alba.analyst", "analyst")).get(url).then().statusCode(401)
                    .contentType(Problem.MEDIA_TYPE);
            given().auth().oauth2(TestTokens.ofAnotherIssuer("alba.analyst", "analyst")).get(url).then().statusCode(401);
            given().auth().oauth2("not.a.token").get(url).then().statusCode(401);
            given().auth().oauth2(TestTokens.operator("anna.anagrafe", "anagrafe")).get(url).then().statusCode(403)
                    .contentType(Problem.MEDIA_TYPE);
            given().auth().oauth2(TestTokens.supervisor("sara.supervisor")).get(url).then().statusCode(403);
            assertEquals(200, analystsAnswer(url), url);
        }
    }

    /** The status an analyst gets once the streams run: until then the counts are not there and the answer is 503. */
    private static int analystsAnswer(String url) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        int status = given().auth().oauth2(ANALYST).get(url).statusCode();
        while (status == 503 && Instant.now().isBefore(deadline)) {
            sleep();
            status = given().auth().oauth2(ANALYST).get(url).statusCode();
        }
        return status;
    }

    @Test
    void theDashboardLearnsWhereToSignInWithoutAToken() {
        given().get("/api/v1/dashboard/sign-in").then().statusCode(200)
                .body("issuer", equalTo(TestTokens.ISSUER))
                .body("clientId", equalTo("analytics-dashboard"))
                .body("refreshMillis", equalTo(2000));
    }

    @Test
    void theApiCountsContactsPerChannelFromTheRealTopicOncePerContact() {
        // A channel of this test alone, so other records on the broker do not matter.
        String channel = "kiosk-" + UUID.randomUUID().toString().substring(0, 8);
        String citizen = Contacts.newCitizenKey();
        CitizenContact first = Contacts.contact(channel, citizen, "uno");
        ProducerRecord<String, byte[]> second = Contacts.record(Contacts.contact(channel, citizen, "due"), TestRecords.sealed()::contact);
        TestKafka.send(List.of(Contacts.record(first, TestRecords.sealed()::contact), second, second, Contacts.record(first, TestRecords.sealed()::contact)));

        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        long counted = -1;
        while (Instant.now().isBefore(deadline) && counted != 2) {
            var response = given().auth().oauth2(ANALYST).get("/api/v1/stats/channels");
            if (response.statusCode() == 200) {
                Number n = response.jsonPath().get("channels.'" + channel + "'");
                counted = n == null ? 0 : n.longValue();
            }
            sleep();
        }
        assertEquals(2, counted);
    }

    private static void sleep() {
        try {
            Thread.sleep(250);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
