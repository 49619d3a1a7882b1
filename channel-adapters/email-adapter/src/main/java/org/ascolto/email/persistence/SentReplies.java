package org.ascolto.email.persistence;

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

    /** The mail server accepted it as the message of this Message-ID. */
    public void sent(UUID replyId, String messageId) {
        update("UPDATE sent_replies SET state = 'SENT', message_id = ?, finished_at = now() WHERE reply_id = ?", messageId, replyId);
    }

    /** It will not go: the mail server's reply code, or 0 when it never answered or the reply names no address. */
    public void failed(UUID replyId, int smtpCode) {
        update("UPDATE sent_replies SET state = 'FAILED', smtp_code = ?, finished_at = now() WHERE reply_id = ?", smtpCode, replyId);
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
