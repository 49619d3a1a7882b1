package org.ascolto.meta;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.ascolto.adapter.WebhookSignature;
import org.ascolto.contracts.EventJson;
import org.ascolto.contracts.EventSchema;
import org.ascolto.contracts.Reply;
import org.ascolto.contracts.ReplyStatus;
import org.ascolto.contracts.Topics;
import org.ascolto.kafka.CloudEventHeaders;
import org.ascolto.keyring.SealedRecords;
import org.ascolto.localinfra.Contacts;
import org.ascolto.localinfra.Eventually;
import org.ascolto.localinfra.KafkaTestResource;
import org.ascolto.localinfra.KeyringTestResource;
import org.ascolto.localinfra.PostgresTestResource;
import org.ascolto.localinfra.Replies;
import org.ascolto.localinfra.SendApiStandIn;
import org.ascolto.localinfra.TestKafka;
import org.ascolto.localinfra.TestTables;
import org.ascolto.localinfra.TopicProbe;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;

/**
 * Replies to Facebook and Instagram citizens leave through the Send API as Meta documents it, once each: a RESPONSE
 * inside the 24-hour window, the HUMAN_AGENT tag up to 7 days (enabled in tests), a private reply to a comment within
 * its 7 days, a visible failure after; rate limits and server errors tried again, other errors recorded with Meta's
 * code; Messenger's delivery and read receipts and Instagram's seen become the replies' statuses, each once.
 */
@QuarkusTest
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = PostgresTestResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = KeyringTestResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = SendApiStandIn.class, restrictToAnnotatedClass = true)
class MetaReplyTest {

    @Inject
    SealedRecords sealed;

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final WebhookSignature META = new WebhookSignature("local-meta-app-secret");
    private static final String INSTAGRAM_ACCOUNT = "17841400000000001";

    @Test
    void aMessengerReplyInsideTheWindowIsOneResponseToThePageScopedIdEvenWhenKafkaDeliversItTwice() {
        String psid = "6543210000000001";
        Reply reply = message("facebook", psid, Instant.now().minus(Duration.ofHours(2)));
        TestKafka.send(List.of(Replies.record(reply, sealed::reply), Replies.record(reply, sealed::reply)));

        Eventually.until(PATIENCE, () -> "SENT".equals(state(reply.replyId())));
        var requests = SendApiStandIn.requestsTo(psid);
        assertEquals(1, requests.size(), "sent once");
        assertEquals(List.of(), requests.get(0).violations());
        assertEquals(SendApiStandIn.PAGE_ID, requests.get(0).pageId());
        assertEquals(EventJson.mapper().valueToTree(Map.of("recipient", Map.of("id", psid), "messaging_type", "RESPONSE",
                "message", Map.of("text", reply.text()))), requests.get(0).body());
        assertEquals(List.of("sent"), statusesOf(reply, 1));
        pauseForRedelivery();
        assertEquals(1, SendApiStandIn.requestsTo(psid).size(), "the redelivered record sent nothing");
        assertEquals(List.of("SENT", "response", "m_sent-"), row(reply.replyId()));
    }

    @Test
    void afterTheWindowAPersonsAnswerGoesWithTheHumanAgentTagForSevenDaysAndAfterThatFailsVisiblyWithoutARequest() {
        String tagged = "1784100000000002";
        String lapsed = "1784100000000003";
        Reply threeDays = message("instagram", tagged, Instant.now().minus(Duration.ofDays(3)));
        Reply eightDays = message("instagram", lapsed, Instant.now().minus(Duration.ofDays(8)));
        TestKafka.send(List.of(Replies.record(threeDays, sealed::reply), Replies.record(eightDays, sealed::reply)));

        Eventually.until(PATIENCE, () -> "SENT".equals(state(threeDays.replyId())) && "FAILED".equals(state(eightDays.replyId())));
        var request = SendApiStandIn.requestsTo(tagged).get(0);
        assertEquals(List.of(), request.violations());
        assertEquals("MESSAGE_TAG", request.body().path("messaging_type").asText());
        assertEquals("HUMAN_AGENT", request.body().path("tag").asText());
        assertEquals(List.of(), SendApiStandIn.requestsTo(lapsed), "nothing goes once Meta's windows have closed");
        assertEquals(List.of(10L, 2018278L), codes(eightDays.replyId()));
        assertEquals(List.of("failed 10"), statusesOf(eightDays, 1));
    }

    @Test
    void aCommentGetsOnePrivateReplyWithinItsSevenDaysAndAnOlderCommentsReplyFailsVisibly() {
        String pageComment = "987654321098765_111222333444001";
        String oldComment = "17900000000000004";
        Reply toComment = comment("facebook", pageComment, "7890123456789012", Instant.now().minus(Duration.ofDays(1)));
        Reply toOldComment = comment("instagram", oldComment, "232323232323", Instant.now().minus(Duration.ofDays(8)));
        TestKafka.send(List.of(Replies.record(toComment, sealed::reply), Replies.record(toComment, sealed::reply), Replies.record(toOldComment, sealed::reply)));

        Eventually.until(PATIENCE, () -> "SENT".equals(state(toComment.replyId())) && "FAILED".equals(state(toOldComment.replyId())));
        var requests = SendApiStandIn.requestsTo(pageComment);
        assertEquals(1, requests.size(), "one private reply");
        assertEquals(List.of(), requests.get(0).violations());
        assertEquals(EventJson.mapper().valueToTree(Map.of("recipient", Map.of("comment_id", pageComment),
                "message", Map.of("text", toComment.text()))), requests.get(0).body());
        assertEquals("private_reply", row(toComment.replyId()).get(1));
        assertEquals(List.of(), SendApiStandIn.requestsTo(oldComment));
        assertEquals(List.of("failed 10"), statusesOf(toOldComment, 1));
    }

    @Test
    void rateLimitsAndServerErrorsAreTriedAgainAndAnyOtherErrorIsTheRepliesFailureWithMetasCodeAndOtherChannelsAreLeft() {
        String busy = "6543210000000005";
        SendApiStandIn.failNext(busy, new SendApiStandIn.Failure(503, 2, 0), new SendApiStandIn.Failure(400, 613, 0),
                new SendApiStandIn.Failure(500, 1200, 0));
        String unavailable = "6543210000000006";
        SendApiStandIn.failNext(unavailable, new SendApiStandIn.Failure(400, 551, 1545041));
        Reply toBusy = message("facebook", busy, Instant.now().minus(Duration.ofMinutes(5)));
        Reply toUnavailable = message("facebook", unavailable, Instant.now());
        Reply whatsApp = message("whatsapp", "6543210000000007", Instant.now());
        TestKafka.send(List.of(Replies.record(whatsApp, sealed::reply), Replies.record(toBusy, sealed::reply), Replies.record(toUnavailable, sealed::reply)));

        Eventually.until(PATIENCE, () -> "SENT".equals(state(toBusy.replyId())) && "FAILED".equals(state(toUnavailable.replyId())));
        assertEquals(4, SendApiStandIn.requestsTo(busy).size(), "three refusals, then accepted");
        assertTrue(SendApiStandIn.requestsTo(busy).stream().allMatch(r -> r.violations().isEmpty()));
        assertEquals(1, SendApiStandIn.requestsTo(unavailable).size(), "not retried");
        assertEquals(List.of(551L, 1545041L), codes(toUnavailable.replyId()));
        assertEquals(List.of("failed 551"), statusesOf(toUnavailable, 1));
        assertEquals(List.of(), SendApiStandIn.requestsTo("6543210000000007"));
        assertEquals(List.of(), TestTables.rows("select state from sent_replies where reply_id = ?", whatsApp.replyId()));
    }

    @Test
    void messengersDeliveryAndReadReceiptsAndInstagramsSeenBecomeTheRepliesStatusesEachOnce() {
        String psid = "6543210000000008";
        Reply first = message("facebook", psid, Instant.now().minus(Duration.ofHours(1)));
        Reply second = message("facebook", psid, Instant.now().minus(Duration.ofHours(1)));
        String igsid = "1784100000000009";
        Reply instagram = message("instagram", igsid, Instant.now().minus(Duration.ofHours(1)));
        TestKafka.send(List.of(Replies.record(first, sealed::reply), Replies.record(second, sealed::reply), Replies.record(instagram, sealed::reply)));
        Eventually.until(PATIENCE, () -> "SENT".equals(state(second.replyId())) && "SENT".equals(state(instagram.replyId())));
        String firstId = SendApiStandIn.requestsTo(psid).get(0).messageId();
        long later = Instant.now().plusSeconds(5).toEpochMilli();

        notify(SendApiStandIn.delivery(psid, List.of(firstId, "m_of-another-app"), later));
        notify(SendApiStandIn.delivery(psid, List.of(), later));
        notify(SendApiStandIn.read(psid, later));
        notify(SendApiStandIn.read(psid, later + 1000));
        notify(SendApiStandIn.instagramSeen(INSTAGRAM_ACCOUNT, igsid, SendApiStandIn.requestsTo(igsid).get(0).messageId(), later));

        assertEquals(List.of("sent", "delivered", "read"), statusesOf(first, 3), "delivered by its id, read by the watermark, once");
        assertEquals(List.of("sent", "delivered", "read"), statusesOf(second, 3), "delivered and read by the watermarks");
        assertEquals(List.of("sent", "read"), statusesOf(instagram, 2));
    }

    @Test
    void aReplyWhoseSendWasCutShortIsMarkedFailedAndToldSoOnItsChannelAndNeverSentAgain() {
        Reply cut = message("instagram", "1784100000000010", Instant.now());
        TestTables.execute("INSERT INTO sent_replies (reply_id, case_id, channel, state, claimed_at)"
                + " VALUES (?, ?, 'instagram', 'SENDING', now() - interval '1 hour')", cut.replyId(), cut.caseId());
        Eventually.until(PATIENCE, () -> "FAILED".equals(state(cut.replyId())));
        assertEquals(List.of("failed 0"), statusesOf(cut, 1));
        TestKafka.send(List.of(Replies.record(cut, sealed::reply)));
        pauseForRedelivery();
        assertEquals(List.of(), SendApiStandIn.requestsTo("1784100000000010"), "a claimed reply is never sent again");
    }

    private static void notify(byte[] notification) {
        RestAssured.given().contentType(ContentType.JSON).header("X-Hub-Signature-256", META.sign(notification)).body(notification)
                .post("/webhooks/meta").then().statusCode(200);
    }

    /**
     * The statuses published for a reply ("failed 551" with the code), in the order published, once {@code count} have
     * come and a while after, so that one more would show; each record checked against the contract.
     */
    private static List<String> statusesOf(Reply reply, int count) {
        Predicate<ConsumerRecord<String, byte[]>> ofReply = r -> reply.caseId().toString().equals(r.key());
        try (TopicProbe probe = new TopicProbe(TestKafka.bootstrapServers(), Topics.REPLY_STATUSES)) {
            List<ConsumerRecord<String, byte[]>> records = new ArrayList<>(probe.await(ofReply, count, PATIENCE));
            records.addAll(probe.await(ofReply, 1, Duration.ofSeconds(2)));
            return records.stream().map(r -> {
                ReplyStatus status = EventSchema.REPLY_STATUS.read(r.value(), ReplyStatus.class);
                assertEquals(reply.replyId(), status.replyId());
                assertEquals(reply.channel(), status.channel());
                assertEquals(status.statusId().toString(), CloudEventHeaders.text(r.headers(), CloudEventHeaders.ID).orElseThrow());
                assertEquals("/ascolto/meta-adapter", CloudEventHeaders.text(r.headers(), CloudEventHeaders.SOURCE).orElseThrow());
                return status.errorCode() == null ? status.status() : status.status() + " " + status.errorCode();
            }).toList();
        }
    }

    private static Reply message(String channel, String userId, Instant citizenWrote) {
        return reply(channel, userId, "m_in-" + UUID.randomUUID(), citizenWrote, Map.of("kind", "message", "recipientId", SendApiStandIn.PAGE_ID));
    }

    private static Reply comment(String channel, String commentId, String authorId, Instant citizenWrote) {
        return reply(channel, authorId, commentId, citizenWrote, Map.of("kind", "comment"));
    }

    private static Reply reply(String channel, String userId, String externalId, Instant citizenWrote, Map<String, String> metadata) {
        return new Reply(UUID.randomUUID(), UUID.randomUUID(), "MI-2026-000321", channel, Contacts.newCitizenKey(), new Reply.Recipient(userId, null, null),
                new Reply.InReplyTo(UUID.randomUUID(), externalId, citizenWrote.truncatedTo(ChronoUnit.MILLIS), null, metadata),
                "Buongiorno, l'anagrafe di via Larga sabato apre alle 8:30 🙂", "it", "marco.operatore", null,
                Instant.now().truncatedTo(ChronoUnit.MILLIS), Reply.SCHEMA_VERSION);
    }

    private static String state(UUID replyId) {
        var rows = TestTables.rows("select state from sent_replies where reply_id = ?", replyId);
        return rows.isEmpty() ? null : (String) rows.get(0).get(0);
    }

    /** State, message type and the provider's message id without its uuid. */
    private static List<Object> row(UUID replyId) {
        var row = TestTables.rows("select state, message_type, provider_message_id from sent_replies where reply_id = ?", replyId).get(0);
        return List.of(row.get(0), row.get(1), ((String) row.get(2)).replaceAll("-[0-9a-f-]+$", "-"));
    }

    private static List<Long> codes(UUID replyId) {
        var row = TestTables.rows("select error_code, error_subcode from sent_replies where reply_id = ?", replyId).get(0);
        return List.of(((Number) row.get(0)).longValue(), ((Number) row.get(1)).longValue());
    }

    /** Long enough for the consumer to have read a record that follows the one awaited. */
    private static void pauseForRedelivery() {
        Eventually.pause(Duration.ofMillis(1500));
    }
}
