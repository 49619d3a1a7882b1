package org.ascolto.whatsapp.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

/** The replies this adapter took on and how they went; every statement commits at once. */
@ApplicationScoped
public class SentReplies {

    private final DataSource dataSource;

    public SentReplies(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Takes a reply on: false when it was taken on before (a redelivered record), which must then not be sent again. */
    public boolean claim(UUID replyId, UUID caseId) {
        return update("INSERT INTO sent_replies (reply_id, case_id, state, claimed_at) VALUES (?, ?, 'SENDING', now())"
                + " ON CONFLICT (reply_id) DO NOTHING", replyId, caseId) == 1;
    }

    /** Meta accepted it as a {@code text} or {@code template} message with this id. */
    public void sent(UUID replyId, String messageType, String providerMessageId) {
        update("UPDATE sent_replies SET state = 'SENT', message_type = ?, provider_message_id = ?, finished_at = now()"
                + " WHERE reply_id = ?", messageType, providerMessageId, replyId);
    }

    /** It will not go: Meta's error code, or 0 when Meta never answered or the reply names no one to send to. */
    public void failed(UUID replyId, String messageType, int errorCode) {
        update("UPDATE sent_replies SET state = 'FAILED', message_type = ?, error_code = ?, finished_at = now()"
                + " WHERE reply_id = ?", messageType, errorCode, replyId);
    }

    private int update(String sql, Object... parameters) {
        try (Connection connection = dataSource.getConnection(); PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("recording a reply failed: " + e.getMessage(), e);
        }
    }
}
