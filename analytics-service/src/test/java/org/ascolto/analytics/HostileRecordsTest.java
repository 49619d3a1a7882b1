package org.ascolto.analytics;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.ascolto.contracts.CitizenContact;
import org.ascolto.contracts.Topics;
import org.ascolto.kafka.CloudEventHeaders;
import org.ascolto.kafka.DeadLetter;
import org.ascolto.localinfra.Contacts;
import org.ascolto.localinfra.Eventually;
import org.ascolto.localinfra.IdentityTestResource;
import org.ascolto.localinfra.KafkaTestResource;
import org.ascolto.localinfra.PrometheusText;
import org.ascolto.localinfra.TestKafka;
import org.ascolto.localinfra.TestTokens;
import org.ascolto.localinfra.TopicProbe;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A null value, random bytes, a contact without its facts and one whose channel is not a channel id, among the
 * contacts of one citizen: each goes to the DLQ with its reason and is counted as a dead letter, the citizen's contact
 * behind them is counted, and the streams neither wait nor halt; nor do they for a valid contact dated in the far future.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(IdentityTestResource.class)
class HostileRecordsTest {

    private static final String ANALYST = TestTokens.of("alba.analyst", List.of("analyst"), List.of());
    private static final Duration PATIENCE = Duration.ofSeconds(45);
    private static final Map<String, String> STREAMS = Map.of("consumer", "analytics-streams");

    @TestHTTPResource(value = "/metrics", management = true)
    URL metrics;

    @Test
    void hostileRecordsGoToTheDlqCountedAndTheContactBehindThemIsCounted() {
        String channel = "kiosk-" + UUID.randomUUID().toString().substring(0, 8);
        CitizenContact good = Contacts.contact(channel, Contacts.newCitizenKey(), "orari della biblioteca Sormani");
        String key = good.citizen().key();
        byte[] random = new byte[256];
        new Random(17).nextBytes(random);
        // well-formed but not a channel id: it would become a count of its own, and the citizen's history could not be read back
        CitizenContact notAChannel = Contacts.contact(channel + "-" + "x".repeat(193), key, "orari della biblioteca Sormani");
        // valid, but dated in the year 5138, as a hostile webhook can date it: counted when it was received
        String future = "futuro-" + UUID.randomUUID().toString().substring(0, 8);
        CitizenContact fromTheFuture = TestContacts.at(Contacts.contact(future, Contacts.newCitizenKey(), "orari"),
                Instant.ofEpochMilli(99_999_999_999_999L));
        TestKafka.send(List.of(Contacts.record(fromTheFuture, TestRecords.sealed()::contact)));
        TestKafka.send(List.of(new ProducerRecord<>(Topics.CONTACTS, null, key, null),
                new ProducerRecord<>(Topics.CONTACTS, null, key, random),
                new ProducerRecord<>(Topics.CONTACTS, null, key, "{\"channel\":\"web\"}".getBytes(StandardCharsets.UTF_8)),
                Contacts.record(notAChannel, TestRecords.sealed()::contact),
                Contacts.record(good, TestRecords.sealed()::contact)));

        assertEquals(1L, Eventually.value(PATIENCE, () -> {
            var response = given().auth().oauth2(ANALYST).get("/api/v1/stats/channels");
            Number counted = response.statusCode() == 200 ? response.jsonPath().get("channels.'" + channel + "'") : null;
            return counted == null ? null : counted.longValue();
        }));
        assertEquals(1L, Eventually.value(PATIENCE, () -> {
            var response = given().auth().oauth2(ANALYST).get("/api/v1/stats/channels");
            Number counted = response.statusCode() == 200 ? response.jsonPath().get("channels.'" + future + "'") : null;
            return counted == null ? null : counted.longValue();
        }));
        List<String> reasons;
        try (TopicProbe dlq = new TopicProbe(TestKafka.bootstrapServers(), Topics.CONTACTS_DLQ)) {
            reasons = dlq.await(r -> key.equals(r.key()), 4, PATIENCE).stream()
                    .map(r -> CloudEventHeaders.text(r.headers(), DeadLetter.REASON).orElseThrow()).sorted().toList();
        }
        assertEquals(4, reasons.size(), reasons.toString());
        assertTrue(reasons.contains("no value"), reasons.toString());
        assertTrue(reasons.stream().anyMatch(r -> r.startsWith("schema violation") && r.contains("contactId")), reasons.toString());
        assertTrue(reasons.stream().anyMatch(r -> r.startsWith("schema violation") && r.contains("channel")), reasons.toString());

        PrometheusText scrape = scrape();
        assertTrue(scrape.sum("ascolto_dead_letters_total", Map.of("topic", Topics.CONTACTS, "reason", "no-value")) >= 1);
        assertTrue(scrape.sum("ascolto_dead_letters_total", Map.of("topic", Topics.CONTACTS, "reason", "invalid")) >= 3);
        assertEquals(0, scrape.sum("ascolto_consumer_waiting", STREAMS));
        assertEquals(0, scrape.sum("ascolto_consumer_halted", STREAMS));
        assertTrue(scrape.has("ascolto_consumer_halted", STREAMS));
    }

    private PrometheusText scrape() {
        return PrometheusText.parse(given().get(metrics).then().statusCode(200).extract().asString());
    }

}
