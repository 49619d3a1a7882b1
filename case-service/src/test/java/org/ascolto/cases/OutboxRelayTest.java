package org.ascolto.cases;

import static org.ascolto.cases.CaseApi.awaitCaseOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.ascolto.cases.messaging.CaseEventRelay;
import org.ascolto.contracts.CaseEvent;
import org.ascolto.contracts.CitizenContact;
import org.ascolto.contracts.Topics;
import org.ascolto.kafka.CloudEventHeaders;
import org.ascolto.kafka.TraceContext;
import org.ascolto.keyring.SealedRecords;
import org.ascolto.localinfra.Contacts;
import org.ascolto.localinfra.IdentityTestResource;
import org.ascolto.localinfra.KafkaTestResource;
import org.ascolto.localinfra.KeyringTestResource;
import org.ascolto.localinfra.PostgresTestResource;
import org.ascolto.localinfra.TestKafka;
import org.ascolto.localinfra.TestTables;
import org.ascolto.localinfra.TopicProbe;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

/**
 * A crash between commit and publish loses nothing: events committed while no relay runs are published when one starts.
 * Events carry the trace of the contact that caused them.
 */
@QuarkusTest
@TestProfile(OutboxRelayTest.RelayStopped.class)
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(KeyringTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
@QuarkusTestResource(IdentityTestResource.class)
class OutboxRelayTest {

    @Inject
    SealedRecords sealed;

    @Inject
    CaseEventRelay relay;

    @Test
    void eventsCommittedWhileTheRelayIsDownArePublishedOnceWhenItRuns() {
        CitizenContact first = Contacts.contact("web", Contacts.newCitizenKey(), "vorrei rateizzare la TARI");
        CitizenContact second = Contacts.contact("phone", first.citizen().key(), "rateizzazione TARI, richiamo");
        TestKafka.send(List.of(Contacts.routedRecord(first, Contacts.decision("taxes", false), sealed::routed),
                Contacts.routedRecord(second, Contacts.decision("taxes", false), sealed::routed)));
        awaitCaseOf(first.contactId());
        String caseId = awaitCaseOf(second.contactId()).getString("id");

        assertEquals(2L, pending(caseId));
        try (TopicProbe probe = new TopicProbe(TestKafka.bootstrapServers(), Topics.CASE_EVENTS)) {
            assertEquals(0, probe.drain(Duration.ofSeconds(2)).stream().filter(r -> caseId.equals(r.key())).count());

            while (relay.publishPending() > 0) {
                // the relay starts and works through the backlog
            }

            var published = probe.await(r -> caseId.equals(r.key()), 2, CaseApi.PATIENCE);
            assertEquals(List.of(CaseEvent.OPENED, CaseEvent.CONTACT_ADDED), published.stream()
                    .map(r -> CloudEventHeaders.text(r.headers(), CloudEventHeaders.TYPE).orElseThrow()).toList());
            assertEquals(0L, pending(caseId));
            assertEquals(0, relay.publishPending());
            assertEquals(0, probe.drain(Duration.ofSeconds(2)).stream().filter(r -> caseId.equals(r.key())).count());
        }
    }

    @Test
    void aCaseEventContinuesTheTraceOfTheContactThatCausedItAndAnOperatorsChangeStartsNone() {
        CitizenContact contact = Contacts.contact("whatsapp", Contacts.newCitizenKey(), "lampione spento in via Giambellino");
        ProducerRecord<String, byte[]> routed = Contacts.routedRecord(contact, Contacts.decision("safety", false), sealed::routed);
        TraceContext.continueInto(null, routed.headers());
        String contactTrace = TraceContext.traceId(routed.headers()).orElseThrow();
        TestKafka.send(List.of(routed));
        String caseId = awaitCaseOf(contact.contactId()).getString("id");
        assertEquals(200, CaseApi.change(caseId, "status", "{\"status\":\"IN_PROGRESS\"}"));

        try (TopicProbe probe = new TopicProbe(TestKafka.bootstrapServers(), Topics.CASE_EVENTS)) {
            while (relay.publishPending() > 0) {
                // publish everything pending
            }
            var published = probe.await(r -> caseId.equals(r.key()), 2, CaseApi.PATIENCE);
            Headers opened = published.get(0).headers();
            assertEquals(CaseEvent.OPENED, CloudEventHeaders.text(opened, CloudEventHeaders.TYPE).orElseThrow());
            assertEquals(contactTrace, TraceContext.traceId(opened).orElseThrow());
            assertNotEquals(CloudEventHeaders.text(routed.headers(), TraceContext.TRACEPARENT),
                    CloudEventHeaders.text(opened, TraceContext.TRACEPARENT), "the case service's own span");
            assertEquals(Optional.empty(), CloudEventHeaders.text(published.get(1).headers(), TraceContext.TRACEPARENT));
        }
    }

    @Test
    void aReplyCommittedWhileTheRelayIsDownIsPublishedOnceWithItsIdWhateverTheRelayDoesAgain() {
        CitizenContact contact = Contacts.whatsapp(Contacts.newCitizenKey(), "393401112222", "a che ora apre l'anagrafe?");
        TestKafka.send(List.of(Contacts.routedRecord(contact, Contacts.decision("registry-office", false), sealed::routed)));
        String caseId = awaitCaseOf(contact.contactId()).getString("id");
        CaseApi.given().contentType(ContentType.JSON).body("{\"text\":\"Dalle 8:30 alle 15:30.\"}")
                .post("/api/v1/cases/" + caseId + "/replies").then().statusCode(201);
        // the case's receipt, then the operator's reply
        List<String> replyIds = CaseApi.given().get("/api/v1/cases/" + caseId).jsonPath().getList("replies.id");

        try (TopicProbe probe = new TopicProbe(TestKafka.bootstrapServers(), Topics.REPLIES)) {
            assertEquals(0, probe.drain(Duration.ofSeconds(2)).stream().filter(r -> caseId.equals(r.key())).count());
            while (relay.publishPending() > 0) {
                // the relay comes back
            }
            assertEquals(0, relay.publishPending());
            var published = probe.await(r -> caseId.equals(r.key()), 2, CaseApi.PATIENCE);
            assertEquals(replyIds, published.stream()
                    .map(r -> CloudEventHeaders.text(r.headers(), CloudEventHeaders.ID).orElseThrow()).toList());
            assertEquals(0, probe.drain(Duration.ofSeconds(2)).stream().filter(r -> caseId.equals(r.key())).count());
        }
        assertEquals(0L, pending(caseId));
    }

    private static long pending(String caseId) {
        return TestTables.number("select count(*) from case_event_outbox where case_id = ? and published_at is null", UUID.fromString(caseId));
    }

    /** No scheduled relay: as after a crash between the commit and the publish. */
    public static class RelayStopped implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.scheduler.enabled", "false");
        }
    }
}
