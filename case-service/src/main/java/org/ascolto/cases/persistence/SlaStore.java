package org.ascolto.cases.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import org.ascolto.cases.domain.CaseStatus;

/** Cases against their SLA due time, each statement committed at once. */
@ApplicationScoped
public class SlaStore {

    private static final String[] OPEN = CaseStatus.OPEN.stream().map(Enum::name).toArray(String[]::new);

    private final DataSource dataSource;

    public SlaStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Marks the cases that breached their SLA since the last call (still open past their due time, or resolved after it)
     * and answers how many: one statement, so that a case is marked once whatever the number of instances checking.
     */
    public int markNewBreaches() {
        return execute("update cases set sla_breached_at = now() where sla_breached_at is null and sla_due_at < now()"
                + " and (status = any(?) or resolved_at > sla_due_at)", statement -> statement.executeUpdate());
    }

    /** Open cases past their SLA due time now. */
    public long overdue() {
        return execute("select count(*) from cases where sla_due_at < now() and status = any(?)", statement -> {
            try (ResultSet row = statement.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        });
    }

    private interface Statement<T> {
        T run(PreparedStatement statement) throws SQLException;
    }

    private <T> T execute(String sql, Statement<T> body) {
        try (Connection connection = dataSource.getConnection(); PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setArray(1, connection.createArrayOf("varchar", OPEN));
            return body.run(statement);
        } catch (SQLException e) {
            throw new IllegalStateException("checking SLAs failed: " + e.getMessage(), e);
        }
    }
}
