package org.ascolto.email;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.ascolto.contracts.CitizenErasure;
import org.ascolto.contracts.EventJson;
import org.ascolto.contracts.EventSchema;
import org.ascolto.contracts.Reply;
import org.ascolto.contracts.ReplyStatus;
import org.ascolto.contracts.Topics;
import org.ascolto.keyring.Keyring;
import org.ascolto.keyring.SealedRecords;
import org.ascolto.localinfra.Contacts;
import org.ascolto.localinfra.Eventually;
import org.ascolto.localinfra.HostileRecords;
import org.ascolto.localinfra.KafkaTestResource;
import org.ascolto.localinfra.KeyringTestResource;
import org.ascolto.localinfra.PostgresTestResource;
import org.ascolto.localinfra.PrometheusText;
import org.ascolto.localinfra.Replies;
import org.ascolto.localinfra.TestDatabase;
import org.ascolto.localinfra.TestKafka;
import org.ascolto.localinfra.TestTables;
import org.ascolto.localinfra.TopicProbe;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Operators' replies leave by SMTP, in the thread of the citizen's email, once each whatever Kafka redelivers; the case
 * hears that each was sent, or failed: refused, cut short, or bounced.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(KeyringTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
@QuarkusTestResource(MailServers.class)
class EmailReplyTest {

    @Inject
    SealedRecords sealed;

    @Inject
    Keyring keyring;

    private static final Map<String, String> ERASURES = Map.of("consumer", "erasures");

    @TestHTTPResource(value = "/health/ready", management = true)
    URL ready;

    @TestHTTPResource(value = "/metrics", management = true)
    URL metrics;

    @Test
    void aReplyIsOneEmailInTheCitizensThreadEvenWhenKafkaDeliversItTwice() throws MessagingException, java.io.IOException {
        String citizen = "giulia." + UUID.randomUUID() + "@example.org";
        Reply reply = reply(citizen, "email", "<CAF3x9Zq1.2@mail.example.org>", "<CAF3x9Zq1.1@mail.example.org>");
        TestKafka.send(List.of(Replies.record(reply, sealed::reply), Replies.record(reply, sealed::reply)));

        Eventually.until(MailboxTest.PATIENCE, () -> "SENT".equals(state(reply.replyId())));
        Eventually.until(MailboxTest.PATIENCE, () -> !to(citizen).isEmpty());
        pause(1500);
        List<MimeMessage> sent = to(citizen);
        assertEquals(1, sent.size(), "sent once");
        MimeMessage mail = sent.get(0);
        assertEquals("<reply-" + reply.replyId() + "@comune.milano.it>", mail.getMessageID());
        assertEquals("<CAF3x9Zq1.2@mail.example.org>", mail.getHeader("In-Reply-To", null));
        assertEquals("<CAF3x9Zq1.1@mail.example.org> <CAF3x9Zq1.2@mail.example.org>", mail.getHeader("References", null));
        assertEquals("Re: la sua richiesta MI-2026-000456 al Comune", mail.getSubject());
        assertEquals("noreply@comune.milano.it", ((jakarta.mail.internet.InternetAddress) mail.getFrom()[0]).getAddress());
        assertEquals(reply.text(), mail.getContent().toString().strip());
        assertEquals(List.of("SENT", "<reply-" + reply.replyId() + "@comune.milano.it>"),
                row("select state, message_id from sent_replies where reply_id = ?", reply.replyId()));
    }

    @Test
    void aReplyWithoutAnAddressIsRecordedAsFailedAndOtherChannelsAreLeftAlone() {
        Reply nowhere = reply(null, "email", "<a@b>", null);
        Reply whatsapp = reply("someone@example.org", "whatsapp", "wamid.x", null);
        TestKafka.send(List.of(Replies.record(whatsapp, sealed::reply), Replies.record(nowhere, sealed::reply)));

        Eventually.until(MailboxTest.PATIENCE, () -> "FAILED".equals(state(nowhere.replyId())));
        assertEquals(List.of(), TestTables.rows("select state from sent_replies where reply_id = ?", whatsapp.replyId()));
        assertEquals(List.of(), to("someone@example.org"));
    }

    @Test
    void aRecordThatIsNoReplyGoesToTheDeadLetterTopicAndTheNextReplyIsStillSent() {
        String citizen = "mario." + UUID.randomUUID() + "@example.org";
        Reply after = reply(citizen, "email", "<m.1@mail.example.org>", null);
        String key = UUID.randomUUID().toString();
        TestKafka.send(List.of(new ProducerRecord<>(Topics.REPLIES, key, "{\"replyId\":".getBytes(StandardCharsets.UTF_8)), Replies.record(after, sealed::reply)));

        Eventually.until(MailboxTest.PATIENCE, () -> "SENT".equals(state(after.replyId())));
        try (TopicProbe probe = new TopicProbe(TestKafka.bootstrapServers(), Topics.CONTACTS_DLQ)) {
            assertEquals(1, probe.await(dead -> key.equals(dead.key()), 1, Duration.ofSeconds(30)).size(), "the record in the DLQ");
        }
    }

    @Test
    void aReplyWhoseSealedFieldIsNoSealedBlobGoesToTheDlqAsItCameAndAnErasedCitizensReplyIsNotSent() {
        String key = UUID.randomUUID().toString();
        List<byte[]> hostile = HostileRecords.notSealed(sealed.reply(reply("gino." + UUID.randomUUID() + "@example.org", "email",
                "<g.1@mail.example.org>", null)));
        String forgotten = "dimenticata." + UUID.randomUUID() + "@example.org";
        Reply ofAnErased = reply(forgotten, "email", "<d.1@mail.example.org>", null);
        byte[] erased = sealed.reply(ofAnErased);
        keyring.erase(List.of(ofAnErased.citizenKey()));
        Reply after = reply("mario." + UUID.randomUUID() + "@example.org", "email", "<m.2@mail.example.org>", null);
        List<ProducerRecord<String, byte[]>> records = new ArrayList<>();
        hostile.forEach(value -> records.add(new ProducerRecord<>(Topics.REPLIES, key, value)));
        records.add(new ProducerRecord<>(Topics.REPLIES, key, erased));
        records.add(new ProducerRecord<>(Topics.REPLIES, key, sealed.reply(after)));
        TestKafka.send(records);

        Eventually.until(MailboxTest.PATIENCE, () -> "SENT".equals(state(after.replyId())));
        try (TopicProbe probe = new TopicProbe(TestKafka.bootstrapServers(), Topics.CONTACTS_DLQ)) {
            List<ConsumerRecord<String, byte[]>> dead = probe.await(r -> key.equals(r.key()), 4, Duration.ofSeconds(30));
            assertEquals(4, dead.size(), "the four records that are no sealed reply, and not the erased citizen's");
            for (int i = 0; i < hostile.size(); i++) {
                assertArrayEquals(hostile.get(i), dead.get(i).value(), "as it came");
            }
        }
        assertEquals(List.of(), TestTables.rows("select state from sent_replies where reply_id = ?", ofAnErased.replyId()));
        assertEquals(List.of(), to(forgotten), "nothing is sent to an erased citizen");
    }

    /** A record that names another channel in clear is not opened here: a broken one is for that channel's adapter to set aside. */
    @Test
    void aBrokenReplyForAnotherChannelIsLeftToItsAdapterWhileABrokenEmailReplyGoesToTheDlqFromHere() {
        String key = UUID.randomUUID().toString();
        byte[] forWhatsApp = HostileRecords.notSealed(sealed.reply(reply("w." + UUID.randomUUID() + "@example.org", "whatsapp", "wamid.y", null))).get(1);
        byte[] forEmail = HostileRecords.notSealed(sealed.reply(reply("e." + UUID.randomUUID() + "@example.org", "email", "<x.1@mail.example.org>", null))).get(1);
        Reply after = reply("mario." + UUID.randomUUID() + "@example.org", "email", "<m.3@mail.example.org>", null);
        TestKafka.send(List.of(new ProducerRecord<>(Topics.REPLIES, key, forWhatsApp), new ProducerRecord<>(Topics.REPLIES, key, forEmail),
                new ProducerRecord<>(Topics.REPLIES, key, sealed.reply(after))));

        Eventually.until(MailboxTest.PATIENCE, () -> "SENT".equals(state(after.replyId())));
        try (TopicProbe probe = new TopicProbe(TestKafka.bootstrapServers(), Topics.CONTACTS_DLQ)) {
            List<ConsumerRecord<String, byte[]>> dead = probe.await(r -> key.equals(r.key()), 2, Duration.ofSeconds(5));
            assertEquals(1, dead.size(), "only the email reply is set aside here");
            assertArrayEquals(forEmail, dead.get(0).value());
        }
    }

    @Test
    void anErasureForgetsTheMessageIdsOfTheErasedCasesRepliesWhichStayClaimedAndARecordThatIsNoErasureGoesToTheDlq() {
        String citizen = "erika." + UUID.randomUUID() + "@example.org";
        Reply erased = reply(citizen, "email", "<e.1@mail.example.org>", null);
        Reply kept = reply("altro." + UUID.randomUUID() + "@example.org", "email", "<e.2@mail.example.org>", null);
        TestKafka.send(List.of(Replies.record(erased, sealed::reply), Replies.record(kept, sealed::reply)));
        Eventually.until(MailboxTest.PATIENCE, () -> "SENT".equals(state(erased.replyId())) && "SENT".equals(state(kept.replyId())));

        String key = Contacts.newCitizenKey();
        CitizenErasure erasure = CitizenErasure.of(UUID.randomUUID(), key, List.of(erased.caseId()), Instant.now());
        TestKafka.send(List.of(new ProducerRecord<>(Topics.ERASURES, key, "{\"erasureId\":1}".getBytes(StandardCharsets.UTF_8)),
                new ProducerRecord<>(Topics.ERASURES, key, EventJson.write(erasure)),
                new ProducerRecord<>(Topics.ERASURES, key, EventJson.write(erasure))));

        Eventually.until(MailboxTest.PATIENCE, () -> row("select message_id from sent_replies where reply_id = ?", erased.replyId()).get(0) == null);
        assertEquals(List.of("SENT"), row("select state from sent_replies where reply_id = ?", erased.replyId()), "still claimed");
        assertEquals(List.of("<reply-" + kept.replyId() + "@comune.milano.it>"),
                row("select message_id from sent_replies where reply_id = ?", kept.replyId()), "other cases are left alone");
        TestKafka.send(List.of(Replies.record(erased, sealed::reply)));
        pause(1500);
        assertEquals(1, to(citizen).size(), "a redelivered reply of an erased case is not sent again");
        try (TopicProbe probe = new TopicProbe(TestKafka.bootstrapServers(), Topics.CONTACTS_DLQ)) {
            assertEquals(1, probe.await(dead -> key.equals(dead.key()), 1, Duration.ofSeconds(30)).size(), "the record in the DLQ");
        }
    }

    /** The database refuses every connection: the erasure waits, and says so, then is applied without a restart. */
    @Test
    void anErasureWaitsOutTheDatabaseWithReadinessDownAndIsAppliedWhenItAnswers() {
        Reply reply = reply("ester." + UUID.randomUUID() + "@example.org", "email", "<w.1@mail.example.org>", null);
        TestKafka.send(List.of(Replies.record(reply, sealed::reply)));
        Eventually.until(MailboxTest.PATIENCE, () -> "SENT".equals(state(reply.replyId())));
        String key = Contacts.newCitizenKey();
        CitizenErasure erasure = CitizenErasure.of(UUID.randomUUID(), key, List.of(reply.caseId()), Instant.now());

        TestDatabase.refuseConnections(true);
        try {
            TestKafka.send(List.of(new ProducerRecord<>(Topics.ERASURES, key, EventJson.write(erasure))));
            Eventually.until(MailboxTest.PATIENCE, () -> scrape().sum("ascolto_consumer_waiting", ERASURES) == 1);
            given().get(ready).then().statusCode(503);
        } finally {
            TestDatabase.refuseConnections(false);
        }
        Eventually.until(MailboxTest.PATIENCE, () -> row("select message_id from sent_replies where reply_id = ?", reply.replyId()).get(0) == null);
        Eventually.until(MailboxTest.PATIENCE, () -> scrape().sum("ascolto_consumer_waiting", ERASURES) == 0);
        Eventually.until(MailboxTest.PATIENCE, () -> given().get(ready).statusCode() == 200);
    }

    private PrometheusText scrape() {
        return PrometheusText.parse(given().get(metrics).then().statusCode(200).extract().asString());
    }

    @Test
    void aReplyTheServerAcceptedIsToldSentAndItsBounceFailsItWithTheBouncesCodeOnTheCaseTimeline() {
        String citizen = "nessuno." + UUID.randomUUID() + "@example.org";
        Reply reply = reply(citizen, "email", "<n.1@mail.example.org>", null);
        TestKafka.send(List.of(Replies.record(reply, sealed::reply)));
        Eventually.until(MailboxTest.PATIENCE, () -> "SENT".equals(state(reply.replyId())));
        String messageId = "<reply-" + reply.replyId() + "@comune.milano.it>";

        try (TopicProbe statuses = new TopicProbe(TestKafka.bootstrapServers(), Topics.REPLY_STATUSES)) {
            ReplyStatus sent = status(statuses, reply, 1).get(0);
            assertEquals(ReplyStatus.SENT, sent.status());
            assertEquals("email", sent.channel());
            assertEquals(null, sent.errorCode());

            MailServers.deliver(MailServers.URP, ("From: Mail Delivery System <MAILER-DAEMON@mx.comune.milano.it>\r\n"
                    + "To: noreply@comune.milano.it\r\nAuto-Submitted: auto-replied\r\nMessage-ID: <dsn-" + UUID.randomUUID()
                    + "@mx.comune.milano.it>\r\nSubject: Undelivered Mail Returned to Sender\r\n"
                    + "Content-Type: multipart/report; report-type=delivery-status; boundary=\"r\"\r\n\r\n"
                    + "--r\r\nContent-Type: text/plain\r\n\r\nI'm sorry to have to inform you that your message could not be delivered.\r\n"
                    + "--r\r\nContent-Type: message/delivery-status\r\n\r\nReporting-MTA: dns; mx.comune.milano.it\r\n\r\n"
                    + "Final-Recipient: rfc822; " + citizen + "\r\nAction: failed\r\nStatus: 5.1.1\r\n"
                    + "Diagnostic-Code: smtp; 550 5.1.1 User unknown\r\n"
                    + "--r\r\nContent-Type: text/rfc822-headers\r\n\r\nFrom: noreply@comune.milano.it\r\nTo: " + citizen + "\r\n"
                    + "Message-ID: " + messageId + "\r\nSubject: Re: la sua richiesta MI-2026-000456 al Comune\r\n\r\n--r--\r\n")
                    .getBytes(StandardCharsets.UTF_8));

            Eventually.until(MailboxTest.PATIENCE, () -> "FAILED".equals(state(reply.replyId())));
            assertEquals(List.of(550), row("select error_code from sent_replies where reply_id = ?", reply.replyId()));
            ReplyStatus failed = status(statuses, reply, 1).get(0);
            assertEquals(ReplyStatus.FAILED, failed.status());
            assertEquals(550, failed.errorCode());
            assertEquals(reply.caseId(), failed.caseId());
        }
    }

    @Test
    void aReplyWhoseSendWasCutShortIsFailedWithCodeZeroAndToldNotSentAgain() {
        Reply cut = reply("interrotto." + UUID.randomUUID() + "@example.org", "email", "<c.1@mail.example.org>", null);
        TestTables.execute("insert into sent_replies (reply_id, case_id, state, claimed_at)"
                + " values (?, ?, 'SENDING', now() - interval '11 minutes')", cut.replyId(), cut.caseId());
        TestKafka.send(List.of(Replies.record(cut, sealed::reply)));

        Eventually.until(MailboxTest.PATIENCE, () -> "FAILED".equals(state(cut.replyId())));
        assertEquals(List.of(0), row("select error_code from sent_replies where reply_id = ?", cut.replyId()));
        try (TopicProbe statuses = new TopicProbe(TestKafka.bootstrapServers(), Topics.REPLY_STATUSES)) {
            ReplyStatus failed = status(statuses, cut, 1).get(0);
            assertEquals(ReplyStatus.FAILED, failed.status());
            assertEquals(0, failed.errorCode());
        }
        assertEquals(List.of(), to(cut.recipient().email()), "a claimed reply is not sent again");
    }

    /** The reply's next statuses on the topic, past those the probe read before. */
    private static List<ReplyStatus> status(TopicProbe statuses, Reply reply, int count) {
        return statuses.await(r -> reply.caseId().toString().equals(r.key()), count, MailboxTest.PATIENCE).stream()
                .map(r -> EventSchema.REPLY_STATUS.read(r.value(), ReplyStatus.class)).toList();
    }

    private static Reply reply(String email, String channel, String externalId, String thread) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        return new Reply(UUID.randomUUID(), UUID.randomUUID(), "MI-2026-000456", channel, Contacts.newCitizenKey(), new Reply.Recipient(email == null ? "account-1" : null, null, email),
                new Reply.InReplyTo(UUID.randomUUID(), externalId, now.minusSeconds(3600), thread, Map.of("mailbox", "urp")),
                "Gentile signora Bianchi, la sua pratica è stata registrata il 3 ottobre.", "it", "sara.supervisor", null, now,
                Reply.SCHEMA_VERSION);
    }

    private static List<MimeMessage> to(String address) {
        return Arrays.stream(MailServers.greenMail().getReceivedMessages()).filter(m -> {
            try {
                return Arrays.stream(m.getRecipients(Message.RecipientType.TO)).anyMatch(a -> a.toString().contains(address));
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    private String state(UUID replyId) {
        List<List<Object>> rows = TestTables.rows("select state from sent_replies where reply_id = ?", replyId);
        return rows.isEmpty() ? null : (String) rows.get(0).get(0);
    }

    private List<Object> row(String sql, Object parameter) {
        return TestTables.rows(sql, parameter).get(0);
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
