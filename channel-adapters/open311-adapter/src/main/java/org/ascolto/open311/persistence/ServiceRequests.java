package org.ascolto.open311.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import org.ascolto.contracts.CaseEvent;
import org.ascolto.contracts.Channels;
import org.ascolto.open311.domain.ServiceRequest;

/** The service requests Open311 shows, kept from the case events, and the tokens of the requests posted here. */
@ApplicationScoped
public class ServiceRequests {

    private static final String COLUMNS = "case_id, reference, status, category, queue, opened_at, updated_at, sla_due_at, sequence";

    private final DataSource dataSource;

    public ServiceRequests(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Applies case events in one transaction: a case's row takes the state of its newest event, whatever order events
     * arrive in and however often; a request posted here gets the case its contact went to.
     */
    public void apply(Collection<CaseEvent> events) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (PreparedStatement upsert = connection.prepareStatement("INSERT INTO service_requests (" + COLUMNS + ")"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (case_id) DO UPDATE SET status = excluded.status,"
                    + " category = excluded.category, queue = excluded.queue, updated_at = excluded.updated_at,"
                    + " sla_due_at = excluded.sla_due_at, sequence = excluded.sequence"
                    + " WHERE service_requests.sequence < excluded.sequence");
                    PreparedStatement token = connection.prepareStatement(
                            "INSERT INTO request_tokens (token, case_id) VALUES (?, ?) ON CONFLICT DO NOTHING")) {
                for (CaseEvent event : newestPerCase(events)) {
                    CaseEvent.CaseState state = event.state();
                    upsert.setObject(1, event.caseId());
                    upsert.setString(2, event.reference());
                    upsert.setString(3, state.status());
                    upsert.setString(4, state.category());
                    upsert.setString(5, state.queue());
                    upsert.setObject(6, Rows.timestamp(state.openedAt()));
                    upsert.setObject(7, Rows.timestamp(event.occurredAt()));
                    upsert.setObject(8, Rows.timestamp(state.slaDueAt()));
                    upsert.setInt(9, event.sequence());
                    upsert.addBatch();
                }
                for (CaseEvent event : events) {
                    if (Channels.OPEN311.equals(event.change().channel()) && event.change().contactId() != null) {
                        token.setObject(1, event.change().contactId());
                        token.setObject(2, event.caseId());
                        token.addBatch();
                    }
                }
                upsert.executeBatch();
                token.executeBatch();
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("storing " + events.size() + " case events failed: " + e.getMessage(), e);
        }
    }

    /** One row per case can change per statement: its newest event of the batch. */
    private static Collection<CaseEvent> newestPerCase(Collection<CaseEvent> events) {
        Map<UUID, CaseEvent> newest = new HashMap<>();
        events.forEach(event -> newest.merge(event.caseId(), event, (a, b) -> a.sequence() >= b.sequence() ? a : b));
        return newest.values();
    }

    public Optional<ServiceRequest> byReference(String reference) {
        return select("select " + COLUMNS + " from service_requests where reference = ?", ServiceRequests::request, reference)
                .stream().findFirst();
    }

    /** The requests of these references, newest first. */
    public List<ServiceRequest> byReferences(List<String> references) {
        return select("select " + COLUMNS + " from service_requests where reference = any(?) order by opened_at desc",
                ServiceRequests::request, references);
    }

    /** The reference of the case a posted request became, once the case exists. */
    public Optional<String> referenceOfToken(UUID token) {
        return select("select r.reference from request_tokens t join service_requests r on r.case_id = t.case_id where t.token = ?",
                row -> row.getString(1), token).stream().findFirst();
    }

    /**
     * Requests opened from {@code start} to {@code end}, newest first, at most {@code limit}; empty {@code categories}
     * and {@code statuses} mean any.
     */
    public List<ServiceRequest> search(Instant start, Instant end, List<String> categories, List<String> statuses, int limit) {
        return select("select " + COLUMNS + " from service_requests where opened_at >= ? and opened_at <= ?"
                + " and (cardinality(?::varchar[]) = 0 or category = any(?))"
                + " and (cardinality(?::varchar[]) = 0 or status = any(?)) order by opened_at desc limit ?",
                ServiceRequests::request, Rows.timestamp(start), Rows.timestamp(end), categories, categories, statuses, statuses, limit);
    }

    private <T> List<T> select(String sql, Rows.Row<T> mapper, Object... parameters) {
        return Rows.select(dataSource, "reading service requests", sql, mapper, parameters);
    }

    private static ServiceRequest request(ResultSet row) throws SQLException {
        return new ServiceRequest(row.getObject(1, UUID.class), row.getString(2), row.getString(3), row.getString(4),
                row.getString(5), Rows.instant(row, 6), Rows.instant(row, 7), Rows.instant(row, 8), row.getInt(9));
    }
}
