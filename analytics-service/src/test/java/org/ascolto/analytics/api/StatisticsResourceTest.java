package org.ascolto.analytics.api;

import static io.restassured.RestAssured.given;
import static org.ascolto.analytics.TestContacts.at;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import org.ascolto.analytics.TestRecords;
import org.ascolto.contracts.CitizenContact;
import org.ascolto.localinfra.Contacts;
import org.ascolto.localinfra.IdentityTestResource;
import org.ascolto.localinfra.KafkaTestResource;
import org.ascolto.localinfra.TestKafka;
import org.ascolto.localinfra.TestTokens;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(IdentityTestResource.class)
class StatisticsResourceTest {

    private static final String ANALYST = TestTokens.of("alba.analyst", List.of("analyst"), List.of());

    @TestHTTPResource(value = "/health/ready", management = true)
    URL ready;

    @TestHTTPResource(value = "/health/live", management = true)
    URL live;

    @TestHTTPResource(value = "/metrics", management = true)
    URL metrics;

    // channels of this test alone, so other records on the broker do not matter
    private final String kiosk = "kiosk-" + UUID.randomUUID().toString().substring(0, 8);
    private final String app = "app-" + UUID.randomUUID().toString().substring(0, 8);

    @Test
    void windowsCategoriesJourneysAndTheYearSoFar() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Instant twoHoursAgo = now.minus(Duration.ofHours(2));
        String citizen = Contacts.newCitizenKey();
        CitizenContact early = at(Contacts.contact(kiosk, citizen, "primo"), twoHoursAgo);
        CitizenContact later = at(Contacts.contact(kiosk, Contacts.newCitizenKey(), "secondo"), twoHoursAgo.plusSeconds(60));
        CitizenContact switched = at(Contacts.contact(app, citizen, "terzo"), now);
        TestKafka.send(List.of(Contacts.record(early, TestRecords.sealed()::contact), Contacts.record(later, TestRecords.sealed()::contact), Contacts.record(switched, TestRecords.sealed()::contact),
                Contacts.routedRecord(switched, Contacts.decision("registry-office", true), TestRecords.sealed()::routed)));

        String from = now.minus(Duration.ofHours(3)).toString();
        JsonPath hours = await("/api/v1/stats/channels?granularity=hour&from=" + from, "channels.'" + kiosk + "'", 2);
        assertEquals(1, hours.getInt("channels.'" + app + "'"));
        assertEquals("hour", hours.getString("granularity"));
        List<Integer> kioskPerHour = hours.getList("series.channels.'" + kiosk + "'");
        assertEquals(2, kioskPerHour.stream().filter(n -> n != null).mapToInt(Integer::intValue).sum());

        JsonPath minutes = await("/api/v1/stats/channels?granularity=minute&from=" + from, "channels.'" + kiosk + "'", 2);
        assertEquals(2, minutes.getList("series").stream().filter(w -> w.toString().contains(kiosk)).count(),
                "the two kiosk contacts fall in two different minutes");

        JsonPath categories = await("/api/v1/stats/categories?from=" + from, "channels.'" + app + "'.registry-office", 1);
        assertEquals(1, categories.getInt("urgentByChannel.'" + app + "'"));

        await("/api/v1/stats/journeys", "switchesByPair.'" + kiosk + ">" + app + "'", 1);

        given().auth().oauth2(ANALYST).get("/api/v1/stats/year-to-date").then().statusCode(200)
                .body("channels.'" + app + "'", equalTo(1))
                .body("milan.name", hasItem("phone"))
                .body("milan.find { it.name == 'phone' }.annualLow", equalTo(1_100_000));
    }

    @Test
    void rejectsUnknownGranularitiesAndDates() {
        given().auth().oauth2(ANALYST).get("/api/v1/stats/channels?granularity=week").then().statusCode(400)
                .contentType("application/problem+json").body("detail", containsString("granularity"));
        given().auth().oauth2(ANALYST).get("/api/v1/stats/channels?from=yesterday").then().statusCode(400);
        given().auth().oauth2(ANALYST).get("/api/v1/stats/channels?granularity=minute&from=2020-01-01").then().statusCode(400);
    }

    @Test
    void operationsSeeHealthAndKafkaStreamsMetrics() {
        await(ready.toString(), "checks.find { it.name == 'kafka-streams' }.data.state.length()", "RUNNING".length());
        given().get(live).then().statusCode(200);
        given().get(metrics).then().statusCode(200)
                .body(containsString("kafka_consumer_fetch_manager_records_lag_max"))
                .body(containsString("kafka_stream_thread_process_total"));
    }

    private JsonPath await(String url, String path, int expected) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        JsonPath body = null;
        while (Instant.now().isBefore(deadline)) {
            var response = given().auth().oauth2(ANALYST).get(url);
            if (response.statusCode() == 200) {
                body = response.jsonPath();
                Number n = body.get(path);
                if (n != null && n.intValue() == expected) {
                    return body;
                }
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        throw new AssertionError(url + ": expected " + path + " = " + expected + " in " + (body == null ? "no answer" : body.prettify()));
    }
}
