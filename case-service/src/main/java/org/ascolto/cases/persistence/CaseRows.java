package org.ascolto.cases.persistence;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.OptimisticLockException;

import org.ascolto.cases.domain.CaseStatus;
import org.ascolto.cases.domain.CaseThreading;
import org.ascolto.cases.domain.CitizenCase;
import org.ascolto.cases.domain.PendingEvent;
import org.ascolto.cases.domain.Priority;
import org.ascolto.cases.domain.ReceivedContact;
import org.ascolto.cases.domain.StatusChange;
import org.ascolto.contracts.CaseEvent;
import org.ascolto.contracts.CitizenErasure;
import org.ascolto.contracts.EventJson;
import org.ascolto.contracts.Reply;
import org.ascolto.contracts.Topics;

/**
 * The rows of cases in plain JDBC on the transaction's connection, in JDBC batches without Hibernate's per-entity
 * bookkeeping: what intake writes for a batch of contacts, and the status history and outbox rows of every change,
 * whoever made it, and the outbox rows of case events, replies and erasures, written here and nowhere else.
 */
final class CaseRows {

    private CaseRows() {
    }

    static void insertCases(Connection connection, Collection<CitizenCase> cases) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO cases (id, reference, citizen_key, category,"
                + " queue, priority, status, assignee, first_channel, sla_due_at, opened_at, updated_at, resolved_at,"
                + " contact_count, event_sequence, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (CitizenCase c : cases) {
                insert.setObject(1, c.id);
                insert.setString(2, c.reference);
                insert.setString(3, c.citizenKey);
                insert.setString(4, c.category);
                insert.setString(5, c.queue);
                insert.setString(6, c.priority.name());
                insert.setString(7, c.status.name());
                insert.setString(8, c.assignee);
                insert.setString(9, c.firstChannel);
                insert.setObject(10, timestamp(c.slaDueAt));
                insert.setObject(11, timestamp(c.openedAt));
                insert.setObject(12, timestamp(c.updatedAt));
                insert.setObject(13, timestamp(c.resolvedAt));
                insert.setInt(14, c.contactCount);
                insert.setInt(15, c.eventSequence);
                insert.setLong(16, c.version);
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    /** Writes what joining contacts changed; a case an operator changed meanwhile fails the batch, which is then retried. */
    static void updateJoinedCases(Connection connection, Collection<CitizenCase> cases) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE cases SET status = ?, priority = ?, sla_due_at = ?,"
                + " updated_at = ?, resolved_at = ?, contact_count = ?, event_sequence = ?, version = version + 1"
                + " WHERE id = ? AND version = ?")) {
            for (CitizenCase c : cases) {
                update.setString(1, c.status.name());
                update.setString(2, c.priority.name());
                update.setObject(3, timestamp(c.slaDueAt));
                update.setObject(4, timestamp(c.updatedAt));
                update.setObject(5, timestamp(c.resolvedAt));
                update.setInt(6, c.contactCount);
                update.setInt(7, c.eventSequence);
                update.setObject(8, c.id);
                update.setLong(9, c.version);
                update.addBatch();
            }
            for (int count : update.executeBatch()) {
                if (count != 1) {
                    throw new OptimisticLockException("a case changed while contacts joined it");
                }
            }
        }
    }

    static void insertContacts(Connection connection, List<CaseThreading.Placed> placed) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO case_contacts (contact_id, case_id,"
                + " channel, external_id, occurred_at, received_at, subject, text, language, urgent, routed, updated_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, cast(? as jsonb), ?)")) {
            for (CaseThreading.Placed each : placed) {
                var contact = each.received().routed().contact();
                insert.setObject(1, contact.contactId());
                insert.setObject(2, each.caseId());
                insert.setString(3, contact.channel());
                insert.setString(4, contact.externalId());
                insert.setObject(5, timestamp(contact.occurredAt()));
                insert.setObject(6, timestamp(contact.receivedAt()));
                bindRevisable(insert, 7, each.received());
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    /** Replaces stored contacts with their newer versions (an updated call record), only where still newer. */
    static void updateContacts(Connection connection, List<ReceivedContact> revised) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE case_contacts SET subject = ?, text = ?,"
                + " language = ?, urgent = ?, routed = cast(? as jsonb), updated_at = ? WHERE contact_id = ?"
                + " AND (updated_at IS NULL OR updated_at < ?)")) {
            for (ReceivedContact each : revised) {
                var contact = each.routed().contact();
                bindRevisable(update, 1, each);
                update.setObject(7, contact.contactId());
                update.setObject(8, timestamp(contact.updatedAt()));
                update.addBatch();
            }
            update.executeBatch();
        }
    }

    /** Binds, from parameter {@code first} on, what a newer version of a contact may change: subject to update time. */
    private static void bindRevisable(PreparedStatement statement, int first, ReceivedContact received) throws SQLException {
        var contact = received.routed().contact();
        var routing = received.routed().routing();
        statement.setString(first, contact.subject());
        statement.setString(first + 1, contact.text());
        statement.setString(first + 2, routing.language());
        statement.setBoolean(first + 3, routing.urgent());
        statement.setString(first + 4, new String(received.json(), StandardCharsets.UTF_8));
        statement.setObject(first + 5, timestamp(contact.updatedAt()));
    }

    static void insertStatusChanges(Connection connection, List<StatusChange> steps) throws SQLException {
        if (steps.isEmpty()) {
            return;
        }
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO case_status_changes"
                + " (id, case_id, from_status, to_status, actor, changed_at) VALUES (?, ?, ?, ?, ?, ?)")) {
            for (StatusChange step : steps) {
                insert.setObject(1, step.id());
                insert.setObject(2, step.caseId());
                insert.setString(3, step.from().name());
                insert.setString(4, step.to().name());
                insert.setString(5, step.actor());
                insert.setObject(6, timestamp(step.at()));
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    private static final String INSERT_OUTBOX = "INSERT INTO case_event_outbox"
            + " (id, case_id, type, occurred_at, payload, traceparent, topic, record_key) VALUES (?, ?, ?, ?, cast(? as jsonb), ?, ?, ?)";

    /** Case events into the outbox, in the order given: the relay publishes them in this order. */
    static void insertEvents(Connection connection, List<PendingEvent> events) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(INSERT_OUTBOX)) {
            for (PendingEvent pending : events) {
                CaseEvent event = pending.event();
                outboxRow(insert, event.eventId(), event.caseId(), event.type(), event.occurredAt(), event, pending.traceparent(),
                        Topics.CASE_EVENTS);
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    /** Replies into the outbox, for {@link Topics#REPLIES}: the relay publishes them in outbox order, each with its id as {@code ce_id}. */
    static void insertReplies(Connection connection, List<Reply> replies) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(INSERT_OUTBOX)) {
            for (Reply reply : replies) {
                outboxRow(insert, reply.replyId(), reply.caseId(), Reply.EVENT_TYPE, reply.createdAt(), reply, null, Topics.REPLIES);
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    /** Erasures into the outbox, for {@link Topics#ERASURES}, each keyed by its citizen key and naming no one case. */
    static void insertErasures(Connection connection, List<CitizenErasure> erasures) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(INSERT_OUTBOX)) {
            for (CitizenErasure erasure : erasures) {
                outboxRow(insert, CitizenErasure.eventId(erasure.erasureId(), erasure.citizenKey()), null, CitizenErasure.EVENT_TYPE,
                        erasure.erasedAt(), erasure, null, Topics.ERASURES);
                insert.setString(8, erasure.citizenKey());
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    /** Notices to citizens on their cases' timelines, and into the outbox for {@link Topics#REPLIES}. */
    static void insertNotices(Connection connection, List<Reply> notices) throws SQLException {
        if (notices.isEmpty()) {
            return;
        }
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO case_replies (id, case_id, channel, in_reply_to,"
                + " author, text, created_at, notice) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (Reply notice : notices) {
                insert.setObject(1, notice.replyId());
                insert.setObject(2, notice.caseId());
                insert.setString(3, notice.channel());
                insert.setObject(4, notice.inReplyTo().contactId());
                insert.setString(5, notice.author());
                insert.setString(6, notice.text());
                insert.setObject(7, timestamp(notice.createdAt()));
                insert.setString(8, notice.notice());
                insert.addBatch();
            }
            insert.executeBatch();
        }
        insertReplies(connection, notices);
    }

    private static void outboxRow(PreparedStatement insert, UUID id, UUID caseId, String type, Instant at, Object payload,
            String traceparent, String topic) throws SQLException {
        insert.setObject(1, id);
        insert.setObject(2, caseId);
        insert.setString(3, type);
        insert.setObject(4, timestamp(at));
        insert.setString(5, new String(EventJson.write(payload), StandardCharsets.UTF_8));
        insert.setString(6, traceparent);
        insert.setString(7, topic);
        insert.setString(8, null);
    }

    static CitizenCase citizenCase(ResultSet row) throws SQLException {
        CitizenCase c = new CitizenCase();
        c.id = row.getObject("id", UUID.class);
        c.reference = row.getString("reference");
        c.citizenKey = row.getString("citizen_key");
        c.category = row.getString("category");
        c.queue = row.getString("queue");
        c.priority = Priority.valueOf(row.getString("priority"));
        c.status = CaseStatus.valueOf(row.getString("status"));
        c.assignee = row.getString("assignee");
        c.firstChannel = row.getString("first_channel");
        c.slaDueAt = instant(row, "sla_due_at");
        c.openedAt = instant(row, "opened_at");
        c.updatedAt = instant(row, "updated_at");
        c.resolvedAt = instant(row, "resolved_at");
        c.contactCount = row.getInt("contact_count");
        c.eventSequence = row.getInt("event_sequence");
        c.version = row.getLong("version");
        return c;
    }

    static Instant instant(ResultSet row, String column) throws SQLException {
        OffsetDateTime value = row.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    static OffsetDateTime timestamp(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }
}
