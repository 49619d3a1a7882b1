package org.ascolto.localinfra;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import io.quarkus.arc.Arc;

/** What a test reads straight from the service's own tables, as an auditor with database access would. */
public final class TestTables {

    private TestTables() {
    }

    /** The single number a query answers, such as a count. */
    public static long number(String sql, Object... parameters) {
        return rows(sql, parameters).get(0).get(0) instanceof Number n ? n.longValue() : -1;
    }

    /** Every row a query answers, its columns in order. */
    public static List<List<Object>> rows(String sql, Object... parameters) {
        return run(sql, parameters, statement -> {
            List<List<Object>> rows = new ArrayList<>();
            try (ResultSet result = statement.executeQuery()) {
                int columns = result.getMetaData().getColumnCount();
                while (result.next()) {
                    List<Object> row = new ArrayList<>(columns);
                    for (int c = 1; c <= columns; c++) {
                        row.add(result.getObject(c));
                    }
                    rows.add(row);
                }
            }
            return rows;
        });
    }

    /** Runs a statement that answers no rows. */
    public static void execute(String sql, Object... parameters) {
        run(sql, parameters, PreparedStatement::execute);
    }

    private interface Work<T> {
        T on(PreparedStatement statement) throws SQLException;
    }

    /** The statement prepared on a connection of the service's DataSource, its parameters bound, and the work done with it. */
    private static <T> T run(String sql, Object[] parameters, Work<T> work) {
        try (Connection connection = Arc.container().instance(DataSource.class).get().getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            return work.on(statement);
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }
}
