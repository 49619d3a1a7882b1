package org.ascolto.adapter;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

/**
 * The replies an adapter that sends through Meta's Graph API took on and how they went: Meta's message id once it
 * accepted one, its error code when it refused, and the replies cut short between the claim and Meta's answer.
 */
public abstract class GraphReplies extends ClaimedReplies {

    protected GraphReplies(DataSource dataSource) {
        super(dataSource);
    }

    @Override
    protected String channelMessageIdColumn() {
        return "provider_message_id";
    }

    /** Meta accepted it as a message of this type (the channel's name for what it sent) with this id. */
    public void sent(UUID replyId, String messageType, String providerMessageId) {
        update("UPDATE sent_replies SET state = 'SENT', message_type = ?, provider_message_id = ?, finished_at = now()"
                + " WHERE reply_id = ?", messageType, providerMessageId, replyId);
    }

    /**
     * It will not go: Meta's error code, or 0 when Meta never answered or the reply names no one to send to; a null
     * message type keeps the one recorded (a failure Meta reports after accepting the message).
     */
    public void failed(UUID replyId, String messageType, int errorCode) {
        update("UPDATE sent_replies SET state = 'FAILED', message_type = coalesce(?, message_type), error_code = ?,"
                + " finished_at = now() WHERE reply_id = ?", messageType, errorCode, replyId);
    }

    /** The replies Meta accepted as these messages, by Meta's message id; ids of messages no reply became are absent. */
    public Map<String, SentReply> byProviderMessageIds(Collection<String> messageIds) {
        Map<String, SentReply> found = new HashMap<>();
        if (messageIds.isEmpty()) {
            return found;
        }
        try (Connection connection = dataSource.getConnection(); PreparedStatement statement = connection.prepareStatement(
                "SELECT provider_message_id, reply_id, case_id FROM sent_replies WHERE provider_message_id = ANY (?)")) {
            statement.setArray(1, connection.createArrayOf("varchar", messageIds.toArray()));
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    found.put(rows.getString(1), new SentReply(rows.getObject(2, UUID.class), rows.getObject(3, UUID.class)));
                }
            }
            return found;
        } catch (SQLException e) {
            throw new IllegalStateException("reading the replies of delivery receipts failed: " + e.getMessage(), e);
        }
    }
}
