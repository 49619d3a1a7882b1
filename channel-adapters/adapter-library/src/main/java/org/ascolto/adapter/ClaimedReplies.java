package org.ascolto.adapter;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

/**
 * The {@code sent_replies} table of an adapter that answers citizens: each reply is claimed by its id before the first
 * attempt, so that whatever Kafka redelivers never goes twice; every statement commits at once. Each adapter records
 * how its channel's sends went, in a {@code @Singleton} (a class without a no-argument constructor cannot be proxied).
 */
public abstract class ClaimedReplies {

    protected final DataSource dataSource;

    protected ClaimedReplies(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Takes a reply on: false when it was taken on before (a redelivered record), which must then not be sent again. */
    public boolean claim(UUID replyId, UUID caseId) {
        return update("INSERT INTO sent_replies (reply_id, case_id, state, claimed_at) VALUES (?, ?, 'SENDING', now())"
                + " ON CONFLICT (reply_id) DO NOTHING", replyId, caseId) == 1;
    }

    /**
     * Erases what the channel's ids of the replies to these cases tell of the citizen (a WhatsApp message id encodes the
     * recipient's number): the replies stay claimed, so a redelivered reply record is still never sent again. Answers
     * how many replies were redacted; erasing again redacts none.
     */
    public int erase(List<UUID> caseIds) {
        String column = channelMessageIdColumn();
        try (Connection connection = dataSource.getConnection(); PreparedStatement statement = connection.prepareStatement(
                "UPDATE sent_replies SET " + column + " = NULL WHERE case_id = ANY (?) AND " + column + " IS NOT NULL")) {
            statement.setArray(1, connection.createArrayOf("uuid", caseIds.toArray()));
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("erasing replies failed: " + e.getMessage(), e);
        }
    }

    /** The column of {@code sent_replies} with the id the channel gave the message a reply became. */
    protected abstract String channelMessageIdColumn();

    protected int update(String sql, Object... parameters) {
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
