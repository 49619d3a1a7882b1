package org.ascolto.adapter;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
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

    /** A reply taken on, by its id and its case's. */
    public record SentReply(UUID replyId, UUID caseId) {
    }

    /**
     * Marks failed, with error code 0, the replies claimed longer ago than any send lasts and never answered: the
     * instance sending them stopped between the claim and the provider's answer. Answers them, so that their failure is told.
     */
    public List<SentReply> failAbandoned(Duration claimedBefore) {
        return replies("UPDATE sent_replies SET state = 'FAILED', error_code = 0, finished_at = now()"
                + " WHERE state = 'SENDING' AND claimed_at < now() - ? * interval '1 millisecond' RETURNING reply_id, case_id",
                claimedBefore.toMillis());
    }

    /** The replies a statement answers as rows of reply id and case id (a query, or an update {@code RETURNING reply_id, case_id}). */
    protected List<SentReply> replies(String sql, Object... parameters) {
        try (Connection connection = dataSource.getConnection(); PreparedStatement statement = connection.prepareStatement(sql)) {
            bind(connection, statement, parameters);
            List<SentReply> touched = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    touched.add(new SentReply(rows.getObject(1, UUID.class), rows.getObject(2, UUID.class)));
                }
            }
            return touched;
        } catch (SQLException e) {
            throw new IllegalStateException("recording replies failed: " + e.getMessage(), e);
        }
    }

    protected int update(String sql, Object... parameters) {
        try (Connection connection = dataSource.getConnection(); PreparedStatement statement = connection.prepareStatement(sql)) {
            bind(connection, statement, parameters);
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("recording a reply failed: " + e.getMessage(), e);
        }
    }

    /** Binds the parameters in order; a list becomes a {@code varchar} array (for {@code = ANY (?)}). */
    private static void bind(Connection connection, PreparedStatement statement, Object... parameters) throws SQLException {
        for (int i = 0; i < parameters.length; i++) {
            statement.setObject(i + 1, parameters[i] instanceof List<?> list
                    ? connection.createArrayOf("varchar", list.toArray()) : parameters[i]);
        }
    }
}
