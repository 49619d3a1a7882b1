package org.ascolto.cases.persistence;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * The outbox as the relay reads it: case events, replies and erasures not yet on Kafka, each with its topic, in the order they
 * were written. Every method is a
 * statement of its own, committed at once, so the relay holds no transaction or connection while Kafka acknowledges.
 */
@ApplicationScoped
public class OutboxStore {

    /** A record waiting to be published, with its key: the case id, or the citizen key of an erasure. */
    public record Pending(UUID id, String topic, String key, String type, Instant occurredAt, byte[] payload, String traceparent) {
    }

    private final DataSource dataSource;

    public OutboxStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Takes or renews the relay's lease for {@code duration}: true when {@code holder} is the relay now, because the lease was
     * its own or had expired.
     */
    public boolean lease(String holder, Duration duration) {
        return update("update outbox_relay_lease set holder = ?, expires_at = now() + ? * interval '1 millisecond'"
                + " where id = 1 and (holder = ? or expires_at < now())", holder, duration.toMillis(), holder) == 1;
    }

    /** Gives the lease up, so that another instance relays at once. */
    public void release(String holder) {
        update("update outbox_relay_lease set expires_at = '-infinity' where id = 1 and holder = ?", holder);
    }

    /** The oldest {@code limit} unpublished events, in outbox order. */
    public List<Pending> pending(int limit) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement("select id, topic,"
                        + " coalesce(record_key, cast(case_id as text)), type, occurred_at,"
                        + " cast(payload as text), traceparent from case_event_outbox where published_at is null order by position limit ?")) {
            select.setInt(1, limit);
            List<Pending> pending = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    pending.add(new Pending(rows.getObject(1, UUID.class), rows.getString(2), rows.getString(3),
                            rows.getString(4), CaseRows.instant(rows, "occurred_at"),
                            rows.getString(6).getBytes(StandardCharsets.UTF_8), rows.getString(7)));
                }
            }
            return pending;
        } catch (SQLException e) {
            throw new IllegalStateException("reading the outbox failed: " + e.getMessage(), e);
        }
    }

    public void markPublished(List<UUID> ids) {
        update("update case_event_outbox set published_at = now() where id = any(?)", (Object) ids.toArray(UUID[]::new));
    }

    /** Deletes at most {@code limit} events published before {@code before}; answers how many. */
    public int purgePublished(Instant before, int limit) {
        return update("delete from case_event_outbox where id in (select id from case_event_outbox"
                + " where published_at < ? order by published_at limit ?)", CaseRows.timestamp(before), limit);
    }

    /** How many events wait, and since when the oldest of them. */
    public record Backlog(long events, Optional<Instant> oldest) {
    }

    public Backlog backlog() {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(
                        "select count(*), min(occurred_at) from case_event_outbox where published_at is null");
                ResultSet row = select.executeQuery()) {
            row.next();
            return new Backlog(row.getLong(1), Optional.ofNullable(CaseRows.instant(row, "min")));
        } catch (SQLException e) {
            throw new IllegalStateException("reading the outbox failed: " + e.getMessage(), e);
        }
    }

    private int update(String sql, Object... parameters) {
        try (Connection connection = dataSource.getConnection(); PreparedStatement update = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                if (parameters[i] instanceof UUID[] ids) {
                    update.setArray(i + 1, connection.createArrayOf("uuid", ids));
                } else {
                    update.setObject(i + 1, parameters[i]);
                }
            }
            return update.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("writing the outbox failed: " + e.getMessage(), e);
        }
    }
}
