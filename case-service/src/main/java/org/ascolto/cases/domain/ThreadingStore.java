package org.ascolto.cases.domain;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.persistence.OptimisticLockException;

/**
 * The statements of threading a batch, in plain JDBC on the transaction's connection: one statement
 * per lookup, whatever the batch size (array parameters, so PostgreSQL plans each once), and JDBC
 * batches for the rows, without Hibernate's per-entity bookkeeping.
 */
final class ThreadingStore {

    private static final String[] OPEN_STATUSES = CaseStatus.OPEN.stream().map(Enum::name).toArray(String[]::new);

    private final Connection connection;

    ThreadingStore(Connection connection) {
        this.connection = connection;
    }

    /** Takes the transaction-scoped advisory locks, in one order for every transaction so that batches sharing citizens never deadlock. */
    void lock(Collection<Long> lockIds) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement("select count(pg_advisory_xact_lock(id)) from unnest(?) as id")) {
            lock.setArray(1, connection.createArrayOf("bigint", lockIds.stream().sorted().toArray(Long[]::new)));
            lock.executeQuery().close();
        }
    }

    /** The contacts among {@code contactIds} that are stored already. */
    Set<UUID> storedContacts(Collection<UUID> contactIds) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("select contact_id from case_contacts where contact_id = any(?)")) {
            select.setArray(1, connection.createArrayOf("uuid", contactIds.toArray()));
            Set<UUID> stored = new HashSet<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    stored.add(rows.getObject(1, UUID.class));
                }
            }
            return stored;
        }
    }

    /**
     * The cases of these citizens that a new contact can join: open, or resolved since {@code resolvedSince}; oldest
     * first. One index lookup per citizen, kept so by {@code offset 0}: without it, PostgreSQL plans the lookup of a
     * big batch from statistics that a fast-growing table does not have yet, and scans every case instead.
     */
    List<CitizenCase> joinableCases(Collection<String> citizenKeys, Instant resolvedSince) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("select c.* from unnest(?) as citizen(key)"
                + " cross join lateral (select id, reference, citizen_key, category, queue, priority, status, assignee,"
                + " first_channel, sla_due_at, opened_at, updated_at, resolved_at, contact_count, event_sequence, version"
                + " from cases where citizen_key = citizen.key"
                + " and (status = any(?) or (status = 'RESOLVED' and resolved_at >= ?)) offset 0) as c order by c.opened_at")) {
            select.setArray(1, connection.createArrayOf("varchar", citizenKeys.toArray()));
            select.setArray(2, connection.createArrayOf("varchar", OPEN_STATUSES));
            select.setObject(3, timestamp(resolvedSince));
            List<CitizenCase> cases = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    cases.add(citizenCase(rows));
                }
            }
            return cases;
        }
    }

    /** {@code count} numbers from the one database sequence of references, so that every instance agrees. */
    List<Long> nextReferenceNumbers(int count) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("select nextval('case_reference_seq') from generate_series(1, ?)")) {
            select.setInt(1, count);
            List<Long> numbers = new ArrayList<>(count);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    numbers.add(rows.getLong(1));
                }
            }
            return numbers;
        }
    }

    void insertCases(Collection<CitizenCase> cases) throws SQLException {
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
    void updateJoinedCases(Collection<CitizenCase> cases) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE cases SET status = ?, priority = ?, sla_due_at = ?,"
                + " updated_at = ?, contact_count = ?, event_sequence = ?, version = version + 1 WHERE id = ? AND version = ?")) {
            for (CitizenCase c : cases) {
                update.setString(1, c.status.name());
                update.setString(2, c.priority.name());
                update.setObject(3, timestamp(c.slaDueAt));
                update.setObject(4, timestamp(c.updatedAt));
                update.setInt(5, c.contactCount);
                update.setInt(6, c.eventSequence);
                update.setObject(7, c.id);
                update.setLong(8, c.version);
                update.addBatch();
            }
            int[] updated = update.executeBatch();
            for (int count : updated) {
                if (count != 1) {
                    throw new OptimisticLockException("a case changed while contacts joined it");
                }
            }
        }
    }

    void insertContacts(List<CaseThreading.Placed> placed) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO case_contacts (contact_id, case_id,"
                + " channel, external_id, occurred_at, received_at, subject, text, language, urgent, routed)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, cast(? as jsonb))")) {
            for (CaseThreading.Placed each : placed) {
                var contact = each.received().routed().contact();
                var routing = each.received().routed().routing();
                insert.setObject(1, contact.contactId());
                insert.setObject(2, each.caseId());
                insert.setString(3, contact.channel());
                insert.setString(4, contact.externalId());
                insert.setObject(5, timestamp(contact.occurredAt()));
                insert.setObject(6, timestamp(contact.receivedAt()));
                insert.setString(7, contact.subject());
                insert.setString(8, contact.text());
                insert.setString(9, routing.language());
                insert.setBoolean(10, routing.urgent());
                insert.setString(11, new String(each.received().json(), StandardCharsets.UTF_8));
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    void insertEvents(List<OutboxEntry> events) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO case_event_outbox"
                + " (id, case_id, type, occurred_at, payload, traceparent) VALUES (?, ?, ?, ?, cast(? as jsonb), ?)")) {
            for (OutboxEntry event : events) {
                insert.setObject(1, event.id);
                insert.setObject(2, event.caseId);
                insert.setString(3, event.type);
                insert.setObject(4, timestamp(event.occurredAt));
                insert.setString(5, event.payload);
                insert.setString(6, event.traceparent);
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    private static CitizenCase citizenCase(ResultSet row) throws SQLException {
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

    private static Instant instant(ResultSet row, String column) throws SQLException {
        OffsetDateTime value = row.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static OffsetDateTime timestamp(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }
}
