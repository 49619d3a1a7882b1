package org.ascolto.meta.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.ascolto.contracts.Reply;
import org.ascolto.meta.config.MetaConfig;
import org.junit.jupiter.api.Test;

/** Meta's windows, from when the citizen wrote, decide what a reply may be; nothing once they have closed. */
class SendApiMessagesTest {

    private static final Instant NOW = Instant.parse("2026-11-30T09:00:00Z");

    @Test
    void aDirectMessageIsAResponseForTwentyFourHoursThenOnlyATaggedPersonsAnswerWhereTheAppMay() {
        assertEquals(Optional.of("response"), type(message(Duration.ofHours(23).plusMinutes(59)), rules(false)));
        assertEquals(Optional.empty(), type(message(Duration.ofHours(24)), rules(false)));
        assertEquals(Optional.of("human_agent"), type(message(Duration.ofHours(24)), rules(true)));
        assertEquals(Optional.of("human_agent"), type(message(Duration.ofDays(7).minusSeconds(1)), rules(true)));
        assertEquals(Optional.empty(), type(message(Duration.ofDays(7)), rules(true)));
    }

    @Test
    void aCommentGetsAPrivateReplyForSevenDaysWhateverTheHumanAgentSetting() {
        Reply comment = reply(Duration.ofDays(6), Map.of("kind", "comment"));
        assertEquals(Optional.of("private_reply"), type(comment, rules(false)));
        assertEquals("987654321098765_111222333444",
                SendApiMessages.of(comment, rules(false), NOW).orElseThrow().body().path("recipient").path("comment_id").asText());
        assertTrue(SendApiMessages.of(reply(Duration.ofDays(7), Map.of("kind", "comment")), rules(true), NOW).isEmpty());
    }

    private static Optional<String> type(Reply reply, MetaConfig.Windows rules) {
        return SendApiMessages.of(reply, rules, NOW).map(SendApiMessages.Message::type);
    }

    private static Reply message(Duration ago) {
        return reply(ago, Map.of("kind", "message"));
    }

    private static Reply reply(Duration ago, Map<String, String> metadata) {
        return new Reply(UUID.randomUUID(), UUID.randomUUID(), "MI-2026-000001", "facebook", "citizen-key-of-the-test", new Reply.Recipient("6543219876543210", null, null),
                new Reply.InReplyTo(UUID.randomUUID(), "987654321098765_111222333444", NOW.minus(ago), null, metadata), "Grazie",
                "it", "marco.operatore", null, NOW, Reply.SCHEMA_VERSION);
    }

    /** The defaults of application.properties, with the Human Agent permission or without. */
    private static MetaConfig.Windows rules(boolean humanAgent) {
        return new MetaConfig.Windows() {
            public Duration response() {
                return Duration.ofHours(24);
            }

            public boolean humanAgent() {
                return humanAgent;
            }

            public Duration humanAgentUntil() {
                return Duration.ofDays(7);
            }

            public Duration privateReply() {
                return Duration.ofDays(7);
            }
        };
    }
}
