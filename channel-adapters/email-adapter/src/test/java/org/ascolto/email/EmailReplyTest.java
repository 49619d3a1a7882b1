package org.ascolto.email;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.ascolto.contracts.CitizenErasure;
import org.ascolto.contracts.EventJson;
import org.ascolto.contracts.Reply;
import org.ascolto.contracts.Topics;
import org.ascolto.localinfra.Contacts;
import org.ascolto.localinfra.Eventually;
import org.ascolto.localinfra.KafkaTestResource;
import org.ascolto.localinfra.PostgresTestResource;
import org.ascolto.localinfra.Replies;
import org.ascolto.localinfra.TestKafka;
import org.ascolto.localinfra.TestTables;
import org.ascolto.localinfra.TopicProbe;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** Operators' replies leave by SMTP, in the thread of the citizen's email, once each whatever Kafka redelivers. */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
@QuarkusTestResource(MailServers.class)
class EmailReplyTest {

    @Test
    void aReplyIsOneEmailInTheCitizensThreadEvenWhenKafkaDeliversItTwice() throws MessagingException, java.io.IOException {
        String citizen = "giulia." + UUID.randomUUID() + "@example.org";
        Reply reply = reply(citizen, "email", "<CAF3x9Zq1.2@mail.example.org>", "<CAF3x9Zq1.1@mail.example.org>");
        TestKafka.send(List.of(Replies.record(reply), Replies.record(reply)));

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
        TestKafka.send(List.of(Replies.record(whatsapp), Replies.record(nowhere)));

        Eventually.until(MailboxTest.PATIENCE, () -> "FAILED".equals(state(nowhere.replyId())));
        assertEquals(List.of(), TestTables.rows("select state from sent_replies where reply_id = ?", whatsapp.replyId()));
        assertEquals(List.of(), to("someone@example.org"));
    }

    @Test
    void aRecordThatIsNoReplyGoesToTheDeadLetterTopicAndTheNextReplyIsStillSent() {
        String citizen = "mario." + UUID.randomUUID() + "@example.org";
        Reply after = reply(citizen, "email", "<m.1@mail.example.org>", null);
        String key = UUID.randomUUID().toString();
        TestKafka.send(List.of(new ProducerRecord<>(Topics.REPLIES, key, "{\"replyId\":".getBytes(StandardCharsets.UTF_8)), Replies.record(after)));

        Eventually.until(MailboxTest.PATIENCE, () -> "SENT".equals(state(after.replyId())));
        try (TopicProbe probe = new TopicProbe(TestKafka.bootstrapServers(), Topics.CONTACTS_DLQ)) {
            assertEquals(1, probe.await(dead -> key.equals(dead.key()), 1, Duration.ofSeconds(30)).size(), "the record in the DLQ");
        }
    }

    @Test
    void anErasureForgetsTheMessageIdsOfTheErasedCasesRepliesWhichStayClaimedAndARecordThatIsNoErasureGoesToTheDlq() {
        String citizen = "erika." + UUID.randomUUID() + "@example.org";
        Reply erased = reply(citizen, "email", "<e.1@mail.example.org>", null);
        Reply kept = reply("altro." + UUID.randomUUID() + "@example.org", "email", "<e.2@mail.example.org>", null);
        TestKafka.send(List.of(Replies.record(erased), Replies.record(kept)));
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
        TestKafka.send(List.of(Replies.record(erased)));
        pause(1500);
        assertEquals(1, to(citizen).size(), "a redelivered reply of an erased case is not sent again");
        try (TopicProbe probe = new TopicProbe(TestKafka.bootstrapServers(), Topics.CONTACTS_DLQ)) {
            assertEquals(1, probe.await(dead -> key.equals(dead.key()), 1, Duration.ofSeconds(30)).size(), "the record in the DLQ");
        }
    }

    private static Reply reply(String email, String channel, String externalId, String thread) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        return new Reply(UUID.randomUUID(), UUID.randomUUID(), "MI-2026-000456", channel, new Reply.Recipient(email == null ? "account-1" : null, null, email),
                new Reply.InReplyTo(UUID.randomUUID(), externalId, now.minusSeconds(3600), thread, Map.of("mailbox", "urp")),
                "Gentile signora Bianchi, la sua pratica è stata registrata il 3 ottobre.", "it", "sara.supervisor", now,
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
