package org.ascolto.cases.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Who read a case's personal data or changed a case, and when: one row per case and action. Rows name the actor, the
 * action and the case, never the content read or written. A read is recorded before it is answered, so a read that
 * cannot be recorded is not answered.
 */
@ApplicationScoped
public class AuditLog {

    /** Reading one case with its timeline (by case id). */
    public static final String CASE_READ = "case.read";
    /** Reading one case with its timeline (by contact id). */
    public static final String CONTACT_READ = "contact.read";
    /** A case shown in a list. */
    public static final String CASES_LISTED = "cases.list";
    public static final String STATUS_CHANGED = "case.status";
    public static final String ASSIGNED = "case.assignee";
    public static final String REQUEUED = "case.queue";
    public static final String NOTE_ADDED = "case.note";
    public static final String REPLIED = "case.reply";
    public static final String CATEGORY_CORRECTED = "case.category";
    /** The case's citizen opted out of notices, or back in, by an operator. */
    public static final String NOTICES_SET = "citizen.notices";
    /** A corrected case's texts read as training examples for the routing model. */
    public static final String CORRECTIONS_READ = "corrections.read";
    /** A citizen's data exported (Art. 15). */
    public static final String EXPORTED = "citizen.export";
    /** A citizen's data erased (Art. 17). */
    public static final String ERASED = "citizen.erasure";
    /** Personal data of a case removed after the retention period. */
    public static final String RETENTION_PURGED = "retention.purge";
    /** The actor of what the service does by itself. */
    public static final String SYSTEM = "system";

    /** One recorded action. */
    public record Entry(long id, Instant at, String actor, String action, UUID caseId, String detail) {
    }

    /** Which entries to show, newest first: null filters are not applied; {@code before} is the id a page ends at. */
    public record Query(UUID caseId, String actor, Instant from, Instant to, Long before, int limit) {
    }

    private final DataSource dataSource;

    public AuditLog(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Records the action once per case, in the caller's transaction if there is one. */
    public void record(String actor, String action, Collection<UUID> caseIds, String detail) {
        try (Connection connection = dataSource.getConnection()) {
            record(connection, actor, action, caseIds, detail);
        } catch (SQLException e) {
            throw new IllegalStateException("the audit log could not be written: " + e.getMessage(), e);
        }
    }

    /** Records the action once per case on this connection, in its transaction. */
    static void record(Connection connection, String actor, String action, Collection<UUID> caseIds, String detail)
            throws SQLException {
        if (caseIds.isEmpty()) {
            return;
        }
        try (PreparedStatement insert = connection.prepareStatement("insert into audit_log (actor, action, case_id, detail)"
                + " select ?, ?, id, ? from unnest(?) as id")) {
            insert.setString(1, actor);
            insert.setString(2, action);
            insert.setString(3, detail);
            insert.setArray(4, connection.createArrayOf("uuid", caseIds.toArray()));
            insert.executeUpdate();
        }
    }

    public List<Entry> find(Query query) {
        StringBuilder sql = new StringBuilder("select id, at, actor, action, case_id, detail from audit_log where true");
        List<Object> parameters = new ArrayList<>();
        if (query.caseId() != null) {
            sql.append(" and case_id = ?");
            parameters.add(query.caseId());
        }
        if (query.actor() != null) {
            sql.append(" and actor = ?");
            parameters.add(query.actor());
        }
        if (query.from() != null) {
            sql.append(" and at >= ?");
            parameters.add(CaseRows.timestamp(query.from()));
        }
        if (query.to() != null) {
            sql.append(" and at < ?");
            parameters.add(CaseRows.timestamp(query.to()));
        }
        if (query.before() != null) {
            sql.append(" and id < ?");
            parameters.add(query.before());
        }
        sql.append(" order by id desc limit ?");
        parameters.add(query.limit());
        try (Connection connection = dataSource.getConnection(); PreparedStatement select = connection.prepareStatement(sql.toString())) {
            for (int i = 0; i < parameters.size(); i++) {
                select.setObject(i + 1, parameters.get(i));
            }
            List<Entry> entries = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    entries.add(new Entry(rows.getLong("id"), CaseRows.instant(rows, "at"), rows.getString("actor"),
                            rows.getString("action"), rows.getObject("case_id", UUID.class), rows.getString("detail")));
                }
            }
            return entries;
        } catch (SQLException e) {
            throw new IllegalStateException("reading the audit log failed: " + e.getMessage(), e);
        }
    }
}
