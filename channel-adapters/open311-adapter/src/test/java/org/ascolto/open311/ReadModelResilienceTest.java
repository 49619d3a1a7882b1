package org.ascolto.open311;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.ascolto.contracts.CaseEvent;
import org.ascolto.contracts.Topics;
import org.ascolto.kafka.CloudEventHeaders;
import org.ascolto.kafka.DeadLetter;
import org.ascolto.localinfra.Eventually;
import org.ascolto.localinfra.IdentityTestResource;
import org.ascolto.localinfra.KafkaTestResource;
import org.ascolto.localinfra.KeyringTestResource;
import org.ascolto.localinfra.PostgresTestResource;
import org.ascolto.localinfra.PrometheusText;
import org.ascolto.localinfra.TestDatabase;
import org.ascolto.localinfra.TestKafka;
import org.ascolto.localinfra.TopicProbe;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Whatever arrives on crm.case-events.v1, and whatever the database does, the read model goes on: a case event the
 * database refuses, a null value and random bytes go to the DLQ alone, with their reasons, and the events behind them are
 * applied; a database that refuses connections is waited for with readiness DOWN, and the consumer resumes by itself.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(KeyringTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
@QuarkusTestResource(IdentityTestResource.class)
class ReadModelResilienceTest {

    private static final Map<String, String> REFUSED = Map.of("topic", Topics.CASE_EVENTS, "reason", "refused-by-database");

    @TestHTTPResource(value = "/health/ready", management = true)
    URL ready;

    @TestHTTPResource(value = "/metrics", management = true)
    URL metrics;

    @Test
    void anOverLongFieldANullValueAndRandomBytesGoToTheDlqAndTheEventBehindThemIsApplied() {
        double refusedBefore = scrape().sum("ascolto_dead_letters_total", REFUSED);
        // a queue name the contract leaves unbounded, and the read model's column holds 64 characters of
        CaseEvents overLong = new CaseEvents("mobility", "coda-" + "x".repeat(80));
        overLong.publish(CaseEvent.OPENED, "NEW", null, null);
        byte[] random = new byte[512];
        new Random(13).nextBytes(random);
        TestKafka.send(List.of(new ProducerRecord<>(Topics.CASE_EVENTS, null, overLong.key(), null),
                new ProducerRecord<>(Topics.CASE_EVENTS, null, overLong.key(), random)));
        CaseEvent good = overLong.publishBehind(CaseEvent.OPENED, "NEW");

        Eventually.value(Open311Test.PATIENCE, () -> given().get("/open311/v2/requests/" + good.reference() + ".json").statusCode() == 200 ? "applied" : null);
        given().get("/open311/v2/requests/" + overLong.reference() + ".json").then().statusCode(404);
        List<String> reasons;
        try (TopicProbe dlq = new TopicProbe(TestKafka.bootstrapServers(), Topics.CONTACTS_DLQ)) {
            reasons = dlq.await(r -> overLong.key().equals(r.key()), 3, Open311Test.PATIENCE).stream()
                    .map(ReadModelResilienceTest::reason).sorted().toList();
        }
        assertEquals(3, reasons.size(), reasons.toString());
        assertTrue(reasons.contains("the database refused it: SQLSTATE 22001"), reasons.toString());
        assertTrue(reasons.stream().anyMatch(r -> r.startsWith("no value")), reasons.toString());
        assertTrue(reasons.stream().anyMatch(r -> r.startsWith("malformed JSON")), reasons.toString());
        Eventually.value(Open311Test.PATIENCE, () -> scrape().sum("ascolto_dead_letters_total", REFUSED) > refusedBefore ? "counted" : null);
        given().get(ready).then().statusCode(200);
    }

    /** The database refuses every connection, and the pool's are terminated: the read model waits, and resumes. */
    @Test
    void aDatabaseThatRefusesConnectionsIsWaitedOutWithReadinessDownAndEndsWithoutARestart() {
        CaseEvents events = new CaseEvents("environment");
        TestDatabase.refuseConnections(true);
        try {
            events.publish(CaseEvent.OPENED, "NEW", null, null);
            Eventually.value(Open311Test.PATIENCE, () -> given().get(ready).statusCode() == 503 ? "down" : null);
            Eventually.value(Open311Test.PATIENCE, () -> scrape().sum("ascolto_consumer_waiting", Map.of("consumer", "case-events")) == 1 ? "waiting" : null);
        } finally {
            TestDatabase.refuseConnections(false);
        }
        Eventually.value(Open311Test.PATIENCE, () -> given().get("/open311/v2/requests/" + events.reference() + ".json").statusCode() == 200 ? "applied" : null);
        given().get(ready).then().statusCode(200);
        assertEquals(0, scrape().sum("ascolto_consumer_waiting", Map.of("consumer", "case-events")));
    }

    private PrometheusText scrape() {
        return PrometheusText.parse(given().get(metrics).then().statusCode(200).extract().asString());
    }

    private static String reason(ConsumerRecord<String, byte[]> record) {
        return CloudEventHeaders.text(record.headers(), DeadLetter.REASON).orElseThrow();
    }
}
