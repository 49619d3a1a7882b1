package org.ascolto.cases;

import static org.ascolto.cases.CaseApi.as;
import static org.ascolto.cases.CaseApi.awaitCaseOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.ascolto.contracts.CaseEvent;
import org.ascolto.contracts.CitizenContact;
import org.ascolto.contracts.EventJson;
import org.ascolto.contracts.EventSchema;
import org.ascolto.contracts.Reply;
import org.ascolto.contracts.ReplyStatus;
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
import io.restassured.RestAssured;
import io.restassured.http.ContentType;

/**
 * An operator of the case's queue, or a supervisor, answers the citizen: the reply shows in the timeline under the
 * token's user, goes to crm.replies.v2 addressed as the citizen's latest contact was, and the case event tells of it
 * without its text.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(KeyringTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
@QuarkusTestResource(IdentityTestResource.class)
class ReplyTest {

    @Inject
    SealedRecords sealed;

    private static final String TEXT = "Buongiorno Giulia, una squadra è in arrivo in piazzale Loreto 🚦";

    @Test
    void anOperatorsReplyGoesToTheRepliesTopicAddressedAsTheLatestContactAndTheCaseEventHasNoText() {
        String queue = "mobilita-" + UUID.randomUUID().toString().substring(0, 8);
        CitizenContact older = Contacts.contact("web", Contacts.newCitizenKey(), "semaforo spento");
        TestKafka.send(List.of(Contacts.routedRecord(older, decision(queue), sealed::routed)));
        String caseId = awaitCaseOf(older.contactId()).getString("id");
        CitizenContact latest = Contacts.whatsapp(older.citizen().key(), "393331234567", "ancora spento, mandate qualcuno");
        TestKafka.send(List.of(Contacts.routedRecord(latest, decision(queue), sealed::routed)));
        awaitCaseOf(latest.contactId());

        as(TestTokens.operator("marco.operatore", queue)).contentType(ContentType.JSON).body(json(TEXT))
                .post("/api/v1/cases/" + caseId + "/replies").then().statusCode(201)
                .body("replies.size()", equalTo(1))
                .body("replies[0].author", equalTo("marco.operatore"))
                .body("replies[0].channel", equalTo("whatsapp"))
                .body("replies[0].text", equalTo(TEXT))
                .body("replies[0].inReplyTo", equalTo(latest.contactId().toString()));
        String replyId = CaseApi.given().get("/api/v1/cases/" + caseId).jsonPath().getString("replies[0].id");

        try (TopicProbe replies = new TopicProbe(TestKafka.bootstrapServers(), Topics.REPLIES);
                TopicProbe events = new TopicProbe(TestKafka.bootstrapServers(), Topics.CASE_EVENTS)) {
            var sent = replies.await(r -> caseId.equals(r.key()), 1, CaseApi.PATIENCE);
            assertEquals(1, sent.size());
            assertEquals(replyId, CloudEventHeaders.text(sent.get(0).headers(), CloudEventHeaders.ID).orElseThrow());
            assertEquals(Reply.EVENT_TYPE, CloudEventHeaders.text(sent.get(0).headers(), CloudEventHeaders.TYPE).orElseThrow());
            Reply reply = sealed.openReply(sent.get(0).value()).orElseThrow();
            assertEquals(UUID.fromString(replyId), reply.replyId());
            assertEquals(TEXT, reply.text());
            assertEquals("marco.operatore", reply.author());
            assertEquals(new Reply.Recipient("393331234567", "+393331234567", null), reply.recipient());
            assertEquals(new Reply.InReplyTo(latest.contactId(), latest.externalId(), latest.occurredAt(), "393331234567",
                    Map.of("phoneNumberId", "106540352242922")), reply.inReplyTo());

            var replyAdded = events.await(r -> caseId.equals(r.key()) && CaseEvent.REPLY_ADDED.equals(
                    CloudEventHeaders.text(r.headers(), CloudEventHeaders.TYPE).orElse("")), 1, CaseApi.PATIENCE);
            assertEquals(1, replyAdded.size());
            CaseEvent event = EventSchema.CASE_EVENT.read(replyAdded.get(0).value(), CaseEvent.class);
            assertEquals(new CaseEvent.Change(null, null, null, "whatsapp", null, "marco.operatore", UUID.fromString(replyId), null, null, null, null),
                    event.change());
            String raw = new String(replyAdded.get(0).value(), StandardCharsets.UTF_8);
            assertFalse(raw.contains("Giulia") || raw.contains("393331234567"), raw);
        }
    }

    @Test
    void aReplyToAFacebookCommentIsAddressedToTheCommentForAPrivateReply() {
        String queue = "mobilita-" + UUID.randomUUID().toString().substring(0, 8);
        String commentId = "987654321098765_" + (100000000L + (long) (Math.random() * 899999999L));
        Map<String, String> metadata = Map.of("kind", "comment", "postId", "104826025612345_987654321098765");
        CitizenContact comment = new CitizenContact(UUID.randomUUID(), "facebook", commentId, Instant.now().minusSeconds(60), Instant.now(),
                new CitizenContact.Citizen(Contacts.newCitizenKey(), "Paolo Conti", null, null, "7890123456789012"), null,
                "E la ZTL di Area B?", "it", null, List.of(), "104826025612345_987654321098765", metadata, CitizenContact.SCHEMA_VERSION);
        TestKafka.send(List.of(Contacts.routedRecord(comment, decision(queue), sealed::routed)));
        String caseId = awaitCaseOf(comment.contactId()).getString("id");

        CaseApi.given().contentType(ContentType.JSON).body(json(TEXT)).post("/api/v1/cases/" + caseId + "/replies").then()
                .statusCode(201).body("replies[0].channel", equalTo("facebook"));
        try (TopicProbe replies = new TopicProbe(TestKafka.bootstrapServers(), Topics.REPLIES)) {
            Reply reply = sealed.openReply(replies.await(r -> caseId.equals(r.key()), 1, CaseApi.PATIENCE).get(0).value()).orElseThrow();
            assertEquals("facebook", reply.channel());
            assertEquals("7890123456789012", reply.recipient().channelUserId());
            assertEquals(commentId, reply.inReplyTo().externalId());
            assertEquals(metadata, reply.inReplyTo().metadata());
        }
    }

    @Test
    void onlyTheCasesOperatorsAndSupervisorsReplyAndOnlyToChannelsThatSendReplies() {
        String queue = "anagrafe-" + UUID.randomUUID().toString().substring(0, 8);
        CitizenContact chat = Contacts.whatsapp(Contacts.newCitizenKey(), "393339876543", "certificato di residenza");
        CitizenContact call = Contacts.contact("phone", Contacts.newCitizenKey(), "chiamata per la carta d'identità");
        TestKafka.send(List.of(Contacts.routedRecord(chat, decision(queue), sealed::routed), Contacts.routedRecord(call, decision(queue), sealed::routed)));
        String chatCase = awaitCaseOf(chat.contactId()).getString("id");
        String callCase = awaitCaseOf(call.contactId()).getString("id");

        RestAssured.given().contentType(ContentType.JSON).body(json("ciao")).post("/api/v1/cases/" + chatCase + "/replies")
                .then().statusCode(401);
        as(TestTokens.operator("altro.ufficio", "tributi")).contentType(ContentType.JSON).body(json("ciao"))
                .post("/api/v1/cases/" + chatCase + "/replies").then().statusCode(403);
        as(TestTokens.of("a.analyst", List.of("analyst"), List.of())).contentType(ContentType.JSON).body(json("ciao"))
                .post("/api/v1/cases/" + chatCase + "/replies").then().statusCode(403);
        as(TestTokens.operator("anna.anagrafe", queue)).contentType(ContentType.JSON).body(json("la richiamiamo domani"))
                .post("/api/v1/cases/" + callCase + "/replies").then().statusCode(409)
                .contentType("application/problem+json").body("detail", containsString("phone"));
        CaseApi.given().contentType(ContentType.JSON).body(json("ciao"))
                .post("/api/v1/cases/" + UUID.randomUUID() + "/replies").then().statusCode(404);
        for (String bad : List.of(json(""), json("   "), json("x".repeat(Reply.MAX_TEXT + 1)), json("ciao\\u0000"),
                json("ciao\\u001b[2J"), "{}", "{\"text\":", "[]")) {
            CaseApi.given().contentType(ContentType.JSON).body(bad).post("/api/v1/cases/" + chatCase + "/replies")
                    .then().statusCode(400);
        }
        CaseApi.given().get("/api/v1/cases/" + chatCase).then().body("replies.size()", equalTo(1)).body("replies[0].notice", equalTo("opened"));

        CaseApi.given().contentType(ContentType.JSON).body(json("x".repeat(Reply.MAX_TEXT)))
                .post("/api/v1/cases/" + chatCase + "/replies").then().statusCode(201)
                .body("replies[1].author", equalTo("s.supervisor"));
        assertEquals(0L, TestTables.number("select count(*) from case_replies where case_id = ?", UUID.fromString(callCase)));
    }

    @Test
    void aReplyToACitizenWhoCalledIsACallbackTaskOnTheCaseAndAFormIsNotAnswered() {
        String queue = "tributi-" + UUID.randomUUID().toString().substring(0, 8);
        CitizenContact caller = Contacts.contact("phone", Contacts.newCitizenKey(), "chiamata per la TARI");
        CitizenContact call = new CitizenContact(caller.contactId(), "phone", caller.externalId(), caller.occurredAt(),
                caller.receivedAt(), new CitizenContact.Citizen(caller.citizen().key(), null, "+390288451234", null, null), null,
                caller.text(), "it", null, null, null, Map.of(), CitizenContact.SCHEMA_VERSION);
        CitizenContact form = Contacts.contact("web", Contacts.newCitizenKey(), "modulo per la TARI");
        TestKafka.send(List.of(Contacts.routedRecord(call, decision(queue), sealed::routed), Contacts.routedRecord(form, decision(queue), sealed::routed)));
        String callCase = awaitCaseOf(call.contactId()).getString("id");
        String formCase = awaitCaseOf(form.contactId()).getString("id");

        CaseApi.given().contentType(ContentType.JSON).body(json("Richiamare: la rata si paga entro il 16"))
                .post("/api/v1/cases/" + callCase + "/replies").then().statusCode(201)
                .body("replies[0].channel", equalTo("phone"))
                .body("replies[0].callback", equalTo(true));
        assertEquals(0L, TestTables.number("select count(*) from case_event_outbox where case_id = ? and topic = ?",
                UUID.fromString(callCase), Topics.REPLIES), "a callback goes to no channel");
        assertEquals(1L, TestTables.number("select count(*) from case_event_outbox where case_id = ? and type = ?",
                UUID.fromString(callCase), CaseEvent.REPLY_ADDED), "the contact center learns of it from the case events");
        CaseApi.given().contentType(ContentType.JSON).body(json("ciao")).post("/api/v1/cases/" + formCase + "/replies")
                .then().statusCode(409).body("detail", containsString("web"));
    }

    @Test
    void theSameIdempotencyKeyAndTextIsTheSameReplyAnotherText422AndAnErasedCitizenIsAnswered409() {
        String queue = "mobilita-" + UUID.randomUUID().toString().substring(0, 8);
        CitizenContact chat = Contacts.whatsapp(Contacts.newCitizenKey(), "39333" + (1000000 + new java.util.Random().nextInt(8999999)),
                "buca in via Padova");
        TestKafka.send(List.of(Contacts.routedRecord(chat, decision(queue), sealed::routed)));
        String caseId = awaitCaseOf(chat.contactId()).getString("id");
        String key = "reply-" + UUID.randomUUID();

        // the case's receipt, then the one reply
        CaseApi.given().header("Idempotency-Key", key).contentType(ContentType.JSON).body(json(TEXT))
                .post("/api/v1/cases/" + caseId + "/replies").then().statusCode(201).body("replies.size()", equalTo(2));
        CaseApi.given().header("Idempotency-Key", key).contentType(ContentType.JSON).body(json(TEXT))
                .post("/api/v1/cases/" + caseId + "/replies").then().statusCode(200).body("replies.size()", equalTo(2));
        CaseApi.given().header("Idempotency-Key", key).contentType(ContentType.JSON).body(json("un altro testo"))
                .post("/api/v1/cases/" + caseId + "/replies").then().statusCode(422)
                .contentType("application/problem+json").body("detail", containsString("Idempotency-Key"));
        CaseApi.given().header("Idempotency-Key", "bad key!").contentType(ContentType.JSON).body(json(TEXT))
                .post("/api/v1/cases/" + caseId + "/replies").then().statusCode(400);
        assertEquals(1L, TestTables.number("select count(*) from case_replies where case_id = ? and notice is null", UUID.fromString(caseId)));
        assertEquals(2L, TestTables.number("select count(*) from case_event_outbox where case_id = ? and topic = ?", UUID.fromString(caseId),
                Topics.REPLIES), "one record to send besides the receipt");

        as(PrivacyTest.DPO).contentType(ContentType.JSON).body(Map.of("phone", chat.citizen().phone()))
                .post("/api/v1/privacy/erasures").then().statusCode(201);
        CaseApi.given().contentType(ContentType.JSON).body(json("ci è sfuggito qualcosa?"))
                .post("/api/v1/cases/" + caseId + "/replies").then().statusCode(409)
                .contentType("application/problem+json").body("detail", containsString("erased"));
    }

    @Test
    void aRepliesStatusesJoinItsTimelineOnceEachInTheirOrderWithACaseEventAndBadOrUnknownOnesAreLeft() {
        String queue = "mobilita-" + UUID.randomUUID().toString().substring(0, 8);
        CitizenContact chat = Contacts.whatsapp(Contacts.newCitizenKey(), "393335550101", "lampione spento");
        TestKafka.send(List.of(Contacts.routedRecord(chat, decision(queue), sealed::routed)));
        String caseId = awaitCaseOf(chat.contactId()).getString("id");
        CaseApi.given().contentType(ContentType.JSON).body(json(TEXT)).post("/api/v1/cases/" + caseId + "/replies").then().statusCode(201);
        // replies[0] is the case's receipt
        UUID replyId = UUID.fromString(CaseApi.given().get("/api/v1/cases/" + caseId).jsonPath().getString("replies[1].id"));
        UUID theCase = UUID.fromString(caseId);
        Instant sent = Instant.parse("2026-11-23T08:20:41Z");

        ReplyStatus read = ReplyStatus.of(replyId, theCase, "whatsapp", ReplyStatus.READ, sent.plusSeconds(60), null);
        ReplyStatus delivered = ReplyStatus.of(replyId, theCase, "whatsapp", ReplyStatus.DELIVERED, sent.plusSeconds(2), null);
        ReplyStatus ofNoReply = ReplyStatus.of(UUID.randomUUID(), theCase, "whatsapp", ReplyStatus.DELIVERED, sent, null);
        TestKafka.send(List.of(statusRecord(read), statusRecord(delivered), statusRecord(delivered), statusRecord(ofNoReply),
                new ProducerRecord<>(Topics.REPLY_STATUSES, caseId, "{\"replyId\":\"not a status\"}".getBytes(StandardCharsets.UTF_8))));

        try (TopicProbe events = new TopicProbe(TestKafka.bootstrapServers(), Topics.CASE_EVENTS);
                TopicProbe deadLetters = new TopicProbe(TestKafka.bootstrapServers(), Topics.CONTACTS_DLQ)) {
            var told = events.await(r -> caseId.equals(r.key()) && CaseEvent.REPLY_STATUS.equals(
                    CloudEventHeaders.text(r.headers(), CloudEventHeaders.TYPE).orElse("")), 2, CaseApi.PATIENCE);
            assertEquals(List.of("read", "delivered"), told.stream()
                    .map(r -> EventSchema.CASE_EVENT.read(r.value(), CaseEvent.class).change())
                    .peek(change -> assertEquals(replyId, change.replyId()))
                    .map(CaseEvent.Change::replyStatus).toList());
            assertFalse(new String(told.get(0).value(), StandardCharsets.UTF_8).contains(TEXT.substring(0, 10)));
            var dead = deadLetters.await(r -> caseId.equals(r.key()), 1, CaseApi.PATIENCE);
            assertEquals(Topics.REPLY_STATUSES, CloudEventHeaders.text(dead.get(0).headers(), "dead-letter-topic").orElseThrow());
        }
        CaseApi.given().get("/api/v1/cases/" + caseId).then().statusCode(200)
                .body("replies[1].status", equalTo("read"))
                .body("replies[1].statuses.status", equalTo(List.of("delivered", "read")))
                .body("replies[1].statuses[0].at", equalTo("2026-11-23T08:20:43Z"));

        TestKafka.send(List.of(statusRecord(ReplyStatus.of(replyId, theCase, "whatsapp", ReplyStatus.FAILED, sent.plusSeconds(90), 131047))));
        Instant deadline = Instant.now().plus(CaseApi.PATIENCE);
        while (!"failed".equals(CaseApi.given().get("/api/v1/cases/" + caseId).jsonPath().getString("replies[1].status"))
                && Instant.now().isBefore(deadline)) {
            CaseApi.pause();
        }
        CaseApi.given().get("/api/v1/cases/" + caseId).then().body("replies[1].statuses[2].errorCode", equalTo(131047));
    }

    private static ProducerRecord<String, byte[]> statusRecord(ReplyStatus status) {
        return new ProducerRecord<>(Topics.REPLY_STATUSES, null, status.caseId().toString(), EventJson.write(status),
                CloudEventHeaders.of(status.statusId().toString(), "/ascolto/whatsapp-adapter", ReplyStatus.EVENT_TYPE,
                        status.occurredAt(), status.caseId().toString()));
    }

    private static RoutingDecision decision(String queue) {
        return new RoutingDecision("mobility", 0.9, false, "it", queue, 48, List.of(), "test");
    }

    private static String json(String text) {
        return "{\"text\":\"" + text + "\"}";
    }
}
