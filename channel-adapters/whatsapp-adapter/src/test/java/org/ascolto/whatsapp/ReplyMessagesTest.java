package org.ascolto.whatsapp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.ascolto.contracts.Reply;
import org.ascolto.localinfra.Contacts;
import org.ascolto.whatsapp.config.WhatsAppConfig;
import org.ascolto.whatsapp.domain.ReplyMessages;
import org.junit.jupiter.api.Test;

/** The 24-hour window, the template's language and whom a reply goes to, without Meta or Kafka. */
class ReplyMessagesTest {

    private static final Instant WROTE = Instant.parse("2026-11-23T07:58:12Z");
    private static final WhatsAppConfig.Template TEMPLATE = new WhatsAppConfig.Template() {
        @Override
        public String name() {
            return "ascolto_risposta_pratica";
        }

        @Override
        public Map<String, String> notices() {
            return Map.of("opened", "ascolto_pratica_ricevuta");
        }

        @Override
        public Map<String, String> languages() {
            return Map.of("it", "it", "en", "en_US");
        }

        @Override
        public String defaultLanguage() {
            return "it";
        }

        @Override
        public Duration window() {
            return Duration.ofHours(24);
        }
    };

    @Test
    void freeTextUntilTwentyFourHoursAfterTheCitizensMessageAndNotAMomentLater() {
        Reply reply = reply("393331234567", null, "it");
        assertTrue(ReplyMessages.windowOpen(reply, TEMPLATE, WROTE.plus(Duration.ofHours(24)).minusMillis(1)));
        assertFalse(ReplyMessages.windowOpen(reply, TEMPLATE, WROTE.plus(Duration.ofHours(24))));
    }

    @Test
    void aLanguageWithoutATemplateGetsTheDefaultOneAndNoLanguageToo() {
        assertEquals("en_US", language(reply("393331234567", null, "en")));
        assertEquals("it", language(reply("393331234567", null, "ar")));
        assertEquals("it", language(reply("393331234567", null, null)));
    }

    @Test
    void aNoticeGoesAsTheTemplateOfItsKindWithTheReferenceAndAKindWithoutOneAsTheReplyTemplate() {
        Reply receipt = notice(reply("393331234567", null, "en"), "opened");
        assertEquals("ascolto_pratica_ricevuta", ReplyMessages.template(receipt, TEMPLATE).path("template").path("name").asText());
        assertEquals("MI-2026-000123", ReplyMessages.template(receipt, TEMPLATE).path("template").path("components").path(0)
                .path("parameters").path(0).path("text").asText());
        assertEquals("ascolto_risposta_pratica", ReplyMessages.template(notice(reply("393331234567", null, "it"), "resolved"),
                TEMPLATE).path("template").path("name").asText());
        assertEquals("ascolto_risposta_pratica", ReplyMessages.template(reply("393331234567", null, "it"), TEMPLATE)
                .path("template").path("name").asText());
    }

    @Test
    void theRecipientIsTheWaIdOrElseThePhoneNumberWithoutItsPlus() {
        assertEquals("393331234567", ReplyMessages.recipient(reply("393331234567", "+390000000000", "it")));
        assertEquals("393401112222", ReplyMessages.recipient(reply(null, "+393401112222", "it")));
        assertEquals(null, ReplyMessages.recipient(reply(null, null, "it")));
    }

    private static String language(Reply reply) {
        return ReplyMessages.template(reply, TEMPLATE).path("template").path("language").path("code").asText();
    }

    private static Reply reply(String waId, String phone, String language) {
        return new Reply(UUID.randomUUID(), UUID.randomUUID(), "MI-2026-000123", "whatsapp", Contacts.newCitizenKey(),
                new Reply.Recipient(waId, phone, waId == null && phone == null ? "a@example.org" : null),
                new Reply.InReplyTo(UUID.randomUUID(), "wamid.x", WROTE, null, Map.of("phoneNumberId", "106540352242922")),
                "Buongiorno", language, "marco.operatore", null, WROTE.plusSeconds(60), Reply.SCHEMA_VERSION);
    }

    private static Reply notice(Reply reply, String kind) {
        return new Reply(reply.replyId(), reply.caseId(), reply.reference(), reply.channel(), reply.citizenKey(), reply.recipient(), reply.inReplyTo(),
                "Comune di Milano: abbiamo ricevuto la sua richiesta", reply.language(), Reply.NOTICE_AUTHOR, kind, reply.createdAt(),
                Reply.SCHEMA_VERSION);
    }
}
