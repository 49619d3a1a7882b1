package org.ascolto.meta.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Singleton;

import org.ascolto.adapter.GraphReplies;
import org.ascolto.contracts.Reply;
import org.ascolto.contracts.ReplyStatus;

/**
 * The replies this adapter took on and how they went through the Send API, and which of them Meta's receipts already
 * told delivered or read: a receipt tells each reply once, as Messenger's watermarks cover every earlier message again.
 */
@Singleton
public class SentReplies extends GraphReplies {

    public SentReplies(DataSource dataSource) {
        super(dataSource);
    }

    /** Takes a reply on, with its channel: false when it was taken on before (a redelivered record), which must then not be sent again. */
    public boolean claim(Reply reply) {
        return update("INSERT INTO sent_replies (reply_id, case_id, channel, state, claimed_at) VALUES (?, ?, ?, 'SENDING', now())"
                + " ON CONFLICT (reply_id) DO NOTHING", reply.replyId(), reply.caseId(), reply.channel()) == 1;
    }

    /** The channel (facebook or instagram) of each of these replies, by reply id. */
    public Map<UUID, String> channels(Collection<UUID> replyIds) {
        Map<UUID, String> found = new HashMap<>();
        try (Connection connection = dataSource.getConnection(); PreparedStatement statement = connection.prepareStatement(
                "SELECT reply_id, channel FROM sent_replies WHERE reply_id = ANY (CAST(? AS uuid[]))")) {
            statement.setObject(1, replyIds.stream().map(UUID::toString).toArray(String[]::new));
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    found.put(rows.getObject(1, UUID.class), rows.getString(2));
                }
            }
            return found;
        } catch (SQLException e) {
            throw new IllegalStateException("reading the channels of replies failed: " + e.getMessage(), e);
        }
    }

    /** Meta accepted it as this message, sent to the citizen of this pseudonymous key. */
    public void sent(UUID replyId, String messageType, String providerMessageId, String recipientKey) {
        update("UPDATE sent_replies SET state = 'SENT', message_type = ?, provider_message_id = ?, recipient_key = ?,"
                + " finished_at = now() WHERE reply_id = ?", messageType, providerMessageId, recipientKey, replyId);
    }

    /** It will not go: Meta's error code and subcode (0 when Meta gave none, or never answered). */
    public void failed(UUID replyId, String messageType, int errorCode, int errorSubcode) {
        update("UPDATE sent_replies SET state = 'FAILED', message_type = ?, error_code = ?, error_subcode = ?, finished_at = now()"
                + " WHERE reply_id = ?", messageType, errorCode, errorSubcode, replyId);
    }

    /** The sent replies, among these messages of Meta's, that no receipt told {@code status} (nor read, for delivered) yet. */
    public List<SentReply> notYet(String status, Collection<String> messageIds) {
        return select("provider_message_id = ANY (?)", status, List.copyOf(messageIds));
    }

    /** The sent replies to the citizen of this key, Meta accepted by {@code upTo}, that no receipt told {@code status} yet. */
    public List<SentReply> notYet(String status, String recipientKey, Instant upTo) {
        return select("recipient_key = ? AND finished_at <= ?", status, recipientKey, Timestamp.from(upTo));
    }

    /** A receipt told these replies {@code status} at {@code at}. */
    public void told(String status, Collection<UUID> replyIds, Instant at) {
        if (!replyIds.isEmpty()) {
            update("UPDATE sent_replies SET " + column(status) + " = ? WHERE reply_id = ANY (CAST(? AS uuid[]))", Timestamp.from(at),
                    replyIds.stream().map(UUID::toString).toArray(String[]::new));
        }
    }

    private List<SentReply> select(String which, String status, Object... parameters) {
        String notYet = ReplyStatus.READ.equals(status) ? "read_at IS NULL" : "delivered_at IS NULL AND read_at IS NULL";
        return replies("SELECT reply_id, case_id FROM sent_replies WHERE state = 'SENT' AND " + which + " AND " + notYet, parameters);
    }

    private static String column(String status) {
        return ReplyStatus.READ.equals(status) ? "read_at" : "delivered_at";
    }
}
