package org.ascolto.cases;

import static org.ascolto.cases.CaseApi.as;
import static org.ascolto.cases.CaseApi.awaitCaseOf;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.ascolto.contracts.CaseEvent;
import org.ascolto.contracts.CitizenContact;
import org.ascolto.contracts.ContactIds;
import org.ascolto.contracts.EventSchema;
import org.ascolto.contracts.Reply;
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
import io.restassured.http.ContentType;

/**
 * Citizens are told how their case goes on the channel of their latest contact: a receipt with the reference when it
 * opens, a notice when it waits for them and when it is resolved, in their language (Italian when there is no text in
 * theirs), through crm.replies.v2 as replies of Ascolto's; never for a case that came by phone, nor to a citizen who
 * opted out.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(KeyringTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
@QuarkusTestResource(IdentityTestResource.class)
class NoticeTest {

    @Inject
    SealedRecords sealed;

    /** Long enough for the outbox relay (every second) to have published anything the case service wrote. */
    private static final Duration QUIET = Duration.ofSeconds(4);

    @Test
    void aNewCaseGetsAReceiptWithItsReferenceThenNoticesWhenItWaitsForTheCitizenAndWhenItIsResolved() {
        String queue = "mobilita-" + UUID.randomUUID().toString().substring(0, 8);
        CitizenContact chat = Contacts.whatsapp(Contacts.newCitizenKey(), "393331112233", "the traffic light is broken");
        TestKafka.send(List.of(Contacts.routedRecord(chat, decision(queue, "en"), sealed::routed)));
        var opened = awaitCaseOf(chat.contactId());
        String caseId = opened.getString("id");
        String reference = opened.getString("reference");

        try (TopicProbe replies = new TopicProbe(TestKafka.bootstrapServers(), Topics.REPLIES);
                TopicProbe events = new TopicProbe(TestKafka.bootstrapServers(), Topics.CASE_EVENTS)) {
            Reply receipt = sealed.openReply(replies.await(r -> caseId.equals(r.key()), 1, CaseApi.PATIENCE).get(0).value())
                    .orElseThrow();
            assertEquals(Reply.NOTICE_OPENED, receipt.notice());
            assertEquals(Reply.NOTICE_AUTHOR, receipt.author());
            assertEquals("whatsapp", receipt.channel());
            assertEquals("en", receipt.language());
            assertEquals(new Reply.Recipient("393331112233", "+393331112233", null), receipt.recipient());
            assertEquals(chat.contactId(), receipt.inReplyTo().contactId());
            assertTrue(receipt.text().startsWith("City of Milan: we have received your request, case " + reference + "."),
                    receipt.text());

            CaseApi.given().get("/api/v1/cases/" + caseId).then().statusCode(200)
                    .body("replies.size()", equalTo(1))
                    .body("replies[0].id", equalTo(receipt.replyId().toString()))
                    .body("replies[0].notice", equalTo("opened"))
                    .body("replies[0].author", equalTo("ascolto"))
                    .body("replies[0].text", equalTo(receipt.text()));

            assertEquals(200, CaseApi.change(caseId, "status", "{\"status\":\"IN_PROGRESS\"}"));
            assertEquals(200, CaseApi.change(caseId, "status", "{\"status\":\"WAITING_CITIZEN\"}"));
            assertEquals(200, CaseApi.change(caseId, "status", "{\"status\":\"RESOLVED\"}"));
            List<Reply> sent = new ArrayList<>(List.of(receipt));
            replies.await(r -> caseId.equals(r.key()), 2, CaseApi.PATIENCE).forEach(r -> sent.add(sealed.openReply(r.value()).orElseThrow()));
            assertEquals(List.of("opened", "waiting-citizen", "resolved"), sent.stream().map(Reply::notice).toList());
            assertTrue(sent.get(1).text().contains(reference + ": we need an answer from you"), sent.get(1).text());
            assertTrue(sent.get(2).text().contains("case " + reference + " has been resolved"), sent.get(2).text());

            var added = events.await(r -> caseId.equals(r.key()) && CaseEvent.REPLY_ADDED.equals(
                    CloudEventHeaders.text(r.headers(), CloudEventHeaders.TYPE).orElse("")), 3, CaseApi.PATIENCE);
            assertEquals(sent.stream().map(Reply::replyId).toList(),
                    added.stream().map(r -> EventSchema.CASE_EVENT.read(r.value(), CaseEvent.class).change().replyId()).toList());
            assertEquals("ascolto", EventSchema.CASE_EVENT.read(added.get(0).value(), CaseEvent.class).change().actor());
        }
    }

    @Test
    void aCitizenInALanguageWithoutTemplatesIsToldInItalianAndACaseThatCameByPhoneTellsNothing() {
        String queue = "anagrafe-" + UUID.randomUUID().toString().substring(0, 8);
        CitizenContact chat = Contacts.whatsapp(Contacts.newCitizenKey(), "393334445566", "شهادة الإقامة");
        String ctr = "ctr-" + UUID.randomUUID();
        CitizenContact call = new CitizenContact(ContactIds.of("phone", ctr), "phone", ctr, chat.occurredAt(), chat.receivedAt(),
                new CitizenContact.Citizen(Contacts.newCitizenKey(), null, "+390288451234", null, null), null,
                "chiamata per la carta d'identità", "it", null, null, null, Map.of(), CitizenContact.SCHEMA_VERSION);
        TestKafka.send(List.of(Contacts.routedRecord(chat, decision(queue, "ar"), sealed::routed), Contacts.routedRecord(call, decision(queue, "it"), sealed::routed)));
        String chatCase = awaitCaseOf(chat.contactId()).getString("id");
        String callCase = awaitCaseOf(call.contactId()).getString("id");

        try (TopicProbe replies = new TopicProbe(TestKafka.bootstrapServers(), Topics.REPLIES)) {
            Reply receipt = sealed.openReply(replies.await(r -> chatCase.equals(r.key()), 1, CaseApi.PATIENCE).get(0).value())
                    .orElseThrow();
            assertEquals("it", receipt.language());
            assertTrue(receipt.text().startsWith("Comune di Milano: abbiamo ricevuto la sua richiesta, pratica "
                    + awaitCaseOf(chat.contactId()).getString("reference")), receipt.text());

            assertEquals(200, CaseApi.change(callCase, "status", "{\"status\":\"IN_PROGRESS\"}"));
            assertEquals(200, CaseApi.change(callCase, "status", "{\"status\":\"RESOLVED\"}"));
            assertEquals(List.of(), replies.await(r -> callCase.equals(r.key()), 1, QUIET), "no notice for a call");
        }
        assertEquals(0L, TestTables.number("select count(*) from case_replies where case_id = ?", UUID.fromString(callCase)));
    }

    @Test
    void aCitizenWhoAnswersStopGetsNoMoreNoticesUntilStartAndAnOperatorSetsItForThemAudited() {
        String queue = "tributi-" + UUID.randomUUID().toString().substring(0, 8);
        String citizen = Contacts.newCitizenKey();
        CitizenContact stop = Contacts.whatsapp(citizen, "393337778899", "  Basta notifiche! ");
        TestKafka.send(List.of(Contacts.routedRecord(stop, decision(queue, "it"), sealed::routed)));
        String stopCase = awaitCaseOf(stop.contactId()).getString("id");
        assertEquals(1L, TestTables.number("select count(*) from notice_opt_outs where citizen_key = ? and opted_out_by = 'citizen'",
                citizen));
        CitizenContact later = Contacts.whatsapp(citizen, "393337778899", "e la TARI?");
        TestKafka.send(List.of(Contacts.routedRecord(later, new RoutingDecision("taxes", 0.9, false, "it", queue, 48, List.of(), "test"), sealed::routed)));
        String laterCase = awaitCaseOf(later.contactId()).getString("id");

        try (TopicProbe replies = new TopicProbe(TestKafka.bootstrapServers(), Topics.REPLIES)) {
            assertEquals(200, CaseApi.change(laterCase, "status", "{\"status\":\"RESOLVED\"}"));
            assertEquals(List.of(), replies.await(r -> stopCase.equals(r.key()) || laterCase.equals(r.key()), 1, QUIET),
                    "nothing to a citizen who said stop");

            CitizenContact start = Contacts.whatsapp(citizen, "393337778899", "START");
            TestKafka.send(List.of(Contacts.routedRecord(start, decision(queue, "it"), sealed::routed)));
            awaitCaseOf(start.contactId());
            assertEquals(0L, TestTables.number("select count(*) from notice_opt_outs where citizen_key = ?", citizen));
            assertEquals(200, CaseApi.change(stopCase, "status", "{\"status\":\"RESOLVED\"}"));
            assertEquals(Reply.NOTICE_RESOLVED, sealed.openReply(
                    replies.await(r -> stopCase.equals(r.key()), 1, CaseApi.PATIENCE).get(0).value()).orElseThrow().notice());
        }

        String operator = TestTokens.operator("tina.tributi", queue);
        as(operator).get("/api/v1/cases/" + laterCase + "/notices").then().statusCode(200).body("optedOut", equalTo(false));
        as(TestTokens.operator("altro.ufficio", "anagrafe")).contentType(ContentType.JSON).body("{\"optedOut\":true}")
                .put("/api/v1/cases/" + laterCase + "/notices").then().statusCode(403);
        for (String bad : List.of("{}", "{\"optedOut\":\"forse\"}", "[]")) {
            as(operator).contentType(ContentType.JSON).body(bad).put("/api/v1/cases/" + laterCase + "/notices").then().statusCode(400);
        }
        as(operator).contentType(ContentType.JSON).body("{\"optedOut\":true}").put("/api/v1/cases/" + laterCase + "/notices")
                .then().statusCode(200).body("optedOut", equalTo(true));
        as(operator).get("/api/v1/cases/" + stopCase + "/notices").then().statusCode(200).body("optedOut", equalTo(true));
        assertEquals("tina.tributi", TestTables.rows("select opted_out_by from notice_opt_outs where citizen_key = ?", citizen)
                .get(0).get(0));
        assertEquals(1L, TestTables.number("select count(*) from audit_log where case_id = ? and action = 'citizen.notices'"
                + " and actor = 'tina.tributi' and detail = 'opted out'", UUID.fromString(laterCase)));

        try (TopicProbe replies = new TopicProbe(TestKafka.bootstrapServers(), Topics.REPLIES)) {
            assertEquals(200, CaseApi.change(stopCase, "status", "{\"status\":\"IN_PROGRESS\"}"));
            assertEquals(200, CaseApi.change(stopCase, "status", "{\"status\":\"WAITING_CITIZEN\"}"));
            assertEquals(1, replies.await(r -> stopCase.equals(r.key()), 2, QUIET).size(),
                    "nothing since the resolved notice, once the operator opted them out");
        }
    }

    private static RoutingDecision decision(String queue, String language) {
        return new RoutingDecision("mobility", 0.9, false, language, queue, 48, List.of(), "test");
    }
}
