package org.ascolto.whatsapp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

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
import org.ascolto.localinfra.GraphApiStandIn;
import org.ascolto.localinfra.KafkaTestResource;
import org.ascolto.localinfra.KeyringTestResource;
import org.ascolto.localinfra.PostgresTestResource;
import org.ascolto.localinfra.Replies;
import org.ascolto.localinfra.TestKafka;
import org.ascolto.localinfra.TestTables;
import org.ascolto.localinfra.TopicProbe;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;

/**
 * Operators' replies leave through the Cloud API as Meta documents it, once each: free text inside the 24-hour window,
 * the template outside it or when Meta answers 131047, rate limits and server errors tried again, other errors
 * recorded as the reply's failure and told as a failed status; Meta's delivery receipts become the replies' statuses.
 */
@QuarkusTest
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = PostgresTestResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = KeyringTestResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = GraphApiStandIn.class, restrictToAnnotatedClass = true)
class WhatsAppReplyTest {

    @Inject
    SealedRecords sealed;

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final String BUSINESS_NUMBER = "106540352242922";
    private static final WebhookSignature META = new WebhookSignature("local-whatsapp-app-secret");

    @Test
    void aReplyInsideTheWindowIsOneTextMessageAnsweringTheCitizensMessageEvenWhenKafkaDeliversItTwice() {
        String to = "393330000001";
        Reply reply = reply(to, "whatsapp", Instant.now().minus(Duration.ofHours(2)), "it");
        TestKafka.send(List.of(Replies.record(reply, sealed::reply), Replies.record(reply, sealed::reply)));

        Eventually.until(PATIENCE, () -> "SENT".equals(state(reply.replyId())));
        var requests = GraphApiStandIn.requestsTo(to);
        assertEquals(1, requests.size(), "sent once");
        assertEquals(List.of(), requests.get(0).violations());
        assertEquals(BUSINESS_NUMBER, requests.get(0).phoneNumberId());
        assertEquals(EventJson.mapper().valueToTree(Map.of("messaging_product", "whatsapp", "recipient_type", "individual",
                "to", to, "type", "text", "context", Map.of("message_id", reply.inReplyTo().externalId()),
                "text", Map.of("preview_url", false, "body", reply.text()))), requests.get(0).body());
        pauseForRedelivery();
        assertEquals(1, GraphApiStandIn.requestsTo(to).size(), "the redelivered record sent nothing");
        assertEquals(List.of("SENT", "text", "wamid.sent-"), row(reply.replyId()));
    }

    @Test
    void outsideTheWindowTheConfiguredTemplateGoesInTheCitizensLanguageWithTheCaseReference() {
        String to = "393330000005";
        Reply reply = reply(to, "whatsapp", Instant.now().minus(Duration.ofHours(25)), "en");
        TestKafka.send(List.of(Replies.record(reply, sealed::reply)));

        Eventually.until(PATIENCE, () -> "SENT".equals(state(reply.replyId())));
        var requests = GraphApiStandIn.requestsTo(to);
        assertEquals(1, requests.size());
        assertEquals(List.of(), requests.get(0).violations());
        var template = requests.get(0).body().path("template");
        assertEquals("template", requests.get(0).body().path("type").asText());
        assertEquals("ascolto_risposta_pratica", template.path("name").asText());
        assertEquals("en_US", template.path("language").path("code").asText());
        assertEquals(reply.reference(), template.path("components").path(0).path("parameters").path(0).path("text").asText());
    }

    @Test
    void rateLimitsAndServerErrorsAreTriedAgainAndAReEngagementErrorBecomesTheTemplate() {
        String busy = "393330000002";
        GraphApiStandIn.failNext(busy, new GraphApiStandIn.Failure(503, 131000), new GraphApiStandIn.Failure(429, 130429),
                new GraphApiStandIn.Failure(400, 131056));
        String lapsed = "393330000003";
        GraphApiStandIn.failNext(lapsed, new GraphApiStandIn.Failure(400, 131047));
        Reply toBusy = reply(busy, "whatsapp", Instant.now().minus(Duration.ofMinutes(5)), "it");
        Reply toLapsed = reply(lapsed, "whatsapp", Instant.now().minus(Duration.ofHours(23)), "it");
        TestKafka.send(List.of(Replies.record(toBusy, sealed::reply), Replies.record(toLapsed, sealed::reply)));

        Eventually.until(PATIENCE, () -> "SENT".equals(state(toBusy.replyId())) && "SENT".equals(state(toLapsed.replyId())));
        assertEquals(4, GraphApiStandIn.requestsTo(busy).size(), "three refusals, then accepted");
        assertTrue(GraphApiStandIn.requestsTo(busy).stream().allMatch(r -> r.violations().isEmpty()));
        assertEquals(List.of("text", "template"),
                GraphApiStandIn.requestsTo(lapsed).stream().map(r -> r.body().path("type").asText()).toList());
        assertEquals("template", row(toLapsed.replyId()).get(1));
    }

    @Test
    void anErrorMetaDoesNotAskToRetryIsRecordedAsTheRepliesFailureAndOtherChannelsAreLeftAlone() {
        String unreachable = "393330000004";
        GraphApiStandIn.failNext(unreachable, new GraphApiStandIn.Failure(400, 131026));
        Reply failing = reply(unreachable, "whatsapp", Instant.now(), "it");
        Reply email = reply("393330000006", "email", Instant.now(), "it");
        TestKafka.send(List.of(Replies.record(email, sealed::reply), Replies.record(failing, sealed::reply)));

        Eventually.until(PATIENCE, () -> "FAILED".equals(state(failing.replyId())));
        assertEquals(1, GraphApiStandIn.requestsTo(unreachable).size(), "not retried");
        assertEquals(131026L, ((Number) TestTables.rows("select error_code from sent_replies where reply_id = ?", failing.replyId()).get(0).get(0)).longValue());
        assertEquals(List.of(), GraphApiStandIn.requestsTo("393330000006"));
        assertEquals(List.of(), TestTables.rows("select state from sent_replies where reply_id = ?", email.replyId()));
        assertEquals(List.of("failed 131026"), statusesOf(failing, 1));
    }

    @Test
    void metasReceiptsOfAReplyBecomeItsStatusesOutOfOrderRepeatedOrLateAndReceiptsOfOtherMessagesAreLeft() {
        String to = "393330000007";
        Reply reply = reply(to, "whatsapp", Instant.now().minus(Duration.ofHours(1)), "it");
        TestKafka.send(List.of(Replies.record(reply, sealed::reply)));
        Eventually.until(PATIENCE, () -> "SENT".equals(state(reply.replyId())));
        String messageId = GraphApiStandIn.requestsTo(to).get(0).messageId();
        long now = Instant.now().getEpochSecond();

        notify(GraphApiStandIn.statusNotification(BUSINESS_NUMBER, to, messageId, "read", now + 5, 0));
        notify(GraphApiStandIn.statusNotification(BUSINESS_NUMBER, to, messageId, "delivered", now + 3, 0));
        notify(GraphApiStandIn.statusNotification(BUSINESS_NUMBER, to, messageId, "delivered", now + 3, 0));
        notify(GraphApiStandIn.statusNotification(BUSINESS_NUMBER, to, "wamid.of-another-app", "delivered", now, 0));
        notify(GraphApiStandIn.statusNotification(BUSINESS_NUMBER, to, messageId, "failed", now + 9, 131047));

        assertEquals(List.of("read", "delivered", "delivered", "failed 131047"), statusesOf(reply, 4),
                "each receipt in the order Meta sent them; the case service holds a status id once");
        assertEquals(List.of("FAILED", "text", "wamid.sent-"), row(reply.replyId()), "the late failure is the reply's here too");
    }

    @Test
    void aReplyWhoseSendWasCutShortIsMarkedFailedAndToldSoInsteadOfStayingSendingForever() {
        Reply cut = reply("393330000008", "whatsapp", Instant.now(), "it");
        TestTables.execute("INSERT INTO sent_replies (reply_id, case_id, state, claimed_at) VALUES (?, ?, 'SENDING', now() - interval '1 hour')",
                cut.replyId(), cut.caseId());
        Eventually.until(PATIENCE, () -> "FAILED".equals(state(cut.replyId())));
        assertEquals(List.of("failed 0"), statusesOf(cut, 1));
        TestKafka.send(List.of(Replies.record(cut, sealed::reply)));
        pauseForRedelivery();
        assertEquals(List.of(), GraphApiStandIn.requestsTo("393330000008"), "a claimed reply is never sent again");
    }

    private static void notify(byte[] notification) {
        RestAssured.given().contentType(ContentType.JSON).header("X-Hub-Signature-256", META.sign(notification)).body(notification)
                .post("/webhooks/whatsapp").then().statusCode(200);
    }

    /** The statuses published for a reply ("failed 131047" with the code), once {@code count} have come, after checking each record. */
    private static List<String> statusesOf(Reply reply, int count) {
        try (TopicProbe probe = new TopicProbe(TestKafka.bootstrapServers(), Topics.REPLY_STATUSES)) {
            return probe.await(r -> reply.caseId().toString().equals(r.key()), count, PATIENCE).stream().map(r -> {
                ReplyStatus status = EventSchema.REPLY_STATUS.read(r.value(), ReplyStatus.class);
                assertEquals(reply.replyId(), status.replyId());
                assertEquals(status.statusId().toString(), CloudEventHeaders.text(r.headers(), CloudEventHeaders.ID).orElseThrow());
                assertEquals(ReplyStatus.EVENT_TYPE, CloudEventHeaders.text(r.headers(), CloudEventHeaders.TYPE).orElseThrow());
                return status.errorCode() == null ? status.status() : status.status() + " " + status.errorCode();
            }).toList();
        }
    }

    private static Reply reply(String waId, String channel, Instant citizenWrote, String language) {
        Instant at = citizenWrote.truncatedTo(ChronoUnit.MILLIS);
        return new Reply(UUID.randomUUID(), UUID.randomUUID(), "MI-2026-000123", channel, Contacts.newCitizenKey(),
                new Reply.Recipient(waId, "+" + waId, null),
                new Reply.InReplyTo(UUID.randomUUID(), "wamid.in-" + UUID.randomUUID(), at, waId,
                        Map.of("phoneNumberId", BUSINESS_NUMBER, "messageType", "text")),
                "Buongiorno, la squadra è in arrivo 🚦\nGrazie della segnalazione.", language, "marco.operatore", null,
                Instant.now().truncatedTo(ChronoUnit.MILLIS), Reply.SCHEMA_VERSION);
    }

    private String state(UUID replyId) {
        var rows = TestTables.rows("select state from sent_replies where reply_id = ?", replyId);
        return rows.isEmpty() ? null : (String) rows.get(0).get(0);
    }

    /** State, message type and the provider's message id without its number. */
    private List<Object> row(UUID replyId) {
        var row = TestTables.rows("select state, message_type, provider_message_id from sent_replies where reply_id = ?", replyId).get(0);
        return List.of(row.get(0), row.get(1), ((String) row.get(2)).replaceAll("-[0-9a-f-]+$", "-"));
    }


    /** Long enough for the consumer to have read a record that follows the one awaited. */
    private static void pauseForRedelivery() {
        Eventually.pause(Duration.ofMillis(1500));
    }

}
