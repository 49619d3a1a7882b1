package org.ascolto.open311.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

/** The JDBC both tables of the Open311 adapter read with: a query's rows, and instants as PostgreSQL timestamptz. */
final class Rows {

    private Rows() {
    }

    /** Reads one value of each row. */
    @FunctionalInterface
    interface Row<T> {
        T read(ResultSet row) throws SQLException;
    }

    /** The rows of a query with these parameters (a list becomes a varchar array); {@code what} names a failure. */
    static <T> List<T> select(DataSource dataSource, String what, String sql, Row<T> mapper, Object... parameters) {
        try (Connection connection = dataSource.getConnection(); PreparedStatement select = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                Object value = parameters[i];
                if (value instanceof List<?> list) {
                    select.setArray(i + 1, connection.createArrayOf("varchar", list.toArray()));
                } else {
                    select.setObject(i + 1, value);
                }
            }
            List<T> found = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    found.add(mapper.read(rows));
                }
            }
            return found;
        } catch (SQLException e) {
            throw new IllegalStateException(what + " failed: " + e.getMessage(), e);
        }
    }

    static Instant instant(ResultSet row, int column) throws SQLException {
        OffsetDateTime value = row.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    static OffsetDateTime timestamp(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }
}
