package org.ascolto.cases;

import static org.ascolto.cases.CaseApi.awaitCaseOf;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URL;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.ascolto.contracts.CitizenContact;
import org.ascolto.contracts.EventJson;
import org.ascolto.contracts.ReplyStatus;
import org.ascolto.contracts.RoutingDecision;
import org.ascolto.contracts.Topics;
import org.ascolto.kafka.CloudEventHeaders;
import org.ascolto.kafka.DeadLetter;
import org.ascolto.keyring.SealedRecords;
import org.ascolto.localinfra.Contacts;
import org.ascolto.localinfra.Eventually;
import org.ascolto.localinfra.IdentityTestResource;
import org.ascolto.localinfra.KafkaTestResource;
import org.ascolto.localinfra.KeyringTestResource;
import org.ascolto.localinfra.PostgresTestResource;
import org.ascolto.localinfra.PrometheusText;
import org.ascolto.localinfra.TestDatabase;
import org.ascolto.localinfra.TestKafka;
import org.ascolto.localinfra.TestTables;
import org.ascolto.localinfra.TopicProbe;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;

/**
 * Whatever the database does, the replies' statuses go on: one it refuses for its content goes to the DLQ alone, with
 * the reason, and the status behind it is recorded; a database that refuses connections is waited out with the
 * consumer's readiness DOWN, and the status is recorded once it is back, without a restart.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(KeyringTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
@QuarkusTestResource(IdentityTestResource.class)
class ReplyStatusResilienceTest {

    @Inject
    SealedRecords sealed;

    private static final Map<String, String> WAITING = Map.of("consumer", "reply-statuses");
    private static final Instant SENT = Instant.parse("2026-11-30T08:20:41Z");

    @TestHTTPResource(value = "/health/ready", management = true)
    URL ready;

    @TestHTTPResource(value = "/metrics", management = true)
    URL metrics;

    @Test
    void aStatusTheDatabaseRefusesGoesToTheDlqAloneAndTheStatusBehindItIsRecorded() {
        Reply reply = aReply();
        // as a constraint added by a later version would refuse an error code: for the content, not for an outage
        TestTables.execute("ALTER TABLE case_reply_statuses ADD CONSTRAINT refuses_error_999 CHECK (error_code <> 999) NOT VALID");
        try (TopicProbe deadLetters = new TopicProbe(TestKafka.bootstrapServers(), Topics.CONTACTS_DLQ)) {
            TestKafka.send(List.of(reply.status(ReplyStatus.FAILED, 999), reply.status(ReplyStatus.READ, null)));

            Eventually.until(CaseApi.PATIENCE, () -> List.of("read").equals(reply.statuses()));
            var dead = deadLetters.await(r -> reply.caseId().equals(r.key()), 1, CaseApi.PATIENCE);
            assertEquals(1, dead.size());
            assertEquals("the database refused it: SQLSTATE 23514", CloudEventHeaders.text(dead.get(0).headers(), DeadLetter.REASON).orElseThrow());
            assertEquals(Topics.REPLY_STATUSES, CloudEventHeaders.text(dead.get(0).headers(), DeadLetter.TOPIC).orElseThrow());
        } finally {
            TestTables.execute("ALTER TABLE case_reply_statuses DROP CONSTRAINT refuses_error_999");
        }
        RestAssured.given().get(ready).then().statusCode(200);
    }

    @Test
    void aDatabaseThatRefusesConnectionsIsWaitedOutWithReadinessDownAndTheStatusRecordedWithoutARestart() {
        Reply reply = aReply();
        TestDatabase.refuseConnections(true);
        try {
            TestKafka.send(List.of(reply.status(ReplyStatus.DELIVERED, null)));
            Eventually.until(CaseApi.PATIENCE, () -> scrape().sum("ascolto_consumer_waiting", WAITING) == 1);
            Eventually.until(CaseApi.PATIENCE, () -> "DOWN".equals(RestAssured.given().get(ready).jsonPath()
                    .getString("checks.find { it.name == 'reply statuses' }.status")));
        } finally {
            TestDatabase.refuseConnections(false);
        }
        Eventually.until(CaseApi.PATIENCE, () -> List.of("delivered").equals(reply.statuses()));
        Eventually.until(CaseApi.PATIENCE, () -> RestAssured.given().get(ready).statusCode() == 200);
        assertEquals(0, scrape().sum("ascolto_consumer_waiting", WAITING));
    }

    /** An operator's reply on a WhatsApp contact's case, as the replies' statuses concern. */
    private Reply aReply() {
        CitizenContact chat = Contacts.whatsapp(Contacts.newCitizenKey(), "393335550202", "lampione spento in via Padova");
        TestKafka.send(List.of(Contacts.routedRecord(chat,
                new RoutingDecision("mobility", 0.9, false, "it", "mobilita", 48, List.of(), "test"), sealed::routed)));
        String caseId = awaitCaseOf(chat.contactId()).getString("id");
        CaseApi.given().contentType(ContentType.JSON).body("{\"text\":\"Una squadra arriva domani\"}")
                .post("/api/v1/cases/" + caseId + "/replies").then().statusCode(201);
        return new Reply(UUID.fromString(CaseApi.given().get("/api/v1/cases/" + caseId).jsonPath().getString("replies[0].id")),
                caseId);
    }

    private record Reply(UUID id, String caseId) {

        ProducerRecord<String, byte[]> status(String status, Integer errorCode) {
            ReplyStatus record = ReplyStatus.of(id, UUID.fromString(caseId), "whatsapp", status, SENT, errorCode);
            return new ProducerRecord<>(Topics.REPLY_STATUSES, null, caseId, EventJson.write(record), CloudEventHeaders.of(
                    record.statusId().toString(), "/ascolto/whatsapp-adapter", ReplyStatus.EVENT_TYPE, SENT, caseId));
        }

        List<String> statuses() {
            return CaseApi.given().get("/api/v1/cases/" + caseId).jsonPath().getList("replies[0].statuses.status", String.class);
        }
    }

    private PrometheusText scrape() {
        return PrometheusText.parse(RestAssured.given().get(metrics).then().statusCode(200).extract().asString());
    }
}
