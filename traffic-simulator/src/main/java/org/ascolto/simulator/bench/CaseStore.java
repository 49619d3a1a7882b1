package org.ascolto.simulator.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** The case service's database, read as an operator's query would: which contacts are in a case, and how many cases. */
public final class CaseStore implements AutoCloseable {

    private static final int CHUNK = 5_000;

    private final Connection connection;

    public CaseStore(String jdbcUrl, String user, String password) throws SQLException {
        this.connection = DriverManager.getConnection(jdbcUrl, user, password);
        this.connection.setReadOnly(true);
    }

    /** The PostgreSQL server process that serves this connection: the load generator's, not the platform's. */
    long backendPid() throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT pg_backend_pid()");
                ResultSet rows = query.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        }
    }

    /**
     * Those of {@code contactIds} that a case holds: one primary-key lookup each, kept so by {@code OFFSET 0}, since
     * for {@code contact_id = ANY (?)} PostgreSQL probes the index about three times slower and, for a couple of
     * thousand ids on a young table, reads the whole table instead.
     */
    public Set<UUID> persisted(Collection<UUID> contactIds) throws SQLException {
        Set<UUID> found = new HashSet<>();
        List<UUID> ids = new ArrayList<>(contactIds);
        try (PreparedStatement query = connection.prepareStatement("SELECT c.contact_id FROM unnest(?::uuid[]) AS wanted(id)"
                + " CROSS JOIN LATERAL (SELECT contact_id FROM case_contacts WHERE contact_id = wanted.id OFFSET 0) AS c")) {
            for (int from = 0; from < ids.size(); from += CHUNK) {
                query.setString(1, arrayLiteral(ids.subList(from, Math.min(ids.size(), from + CHUNK))));
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        found.add(rows.getObject(1, UUID.class));
                    }
                }
            }
        }
        return found;
    }

    /** {@code {id,id,...}}: built directly, it costs the poller a fraction of the driver's general array encoding. */
    private static String arrayLiteral(List<UUID> ids) {
        StringBuilder literal = new StringBuilder(ids.size() * 37 + 2).append('{');
        for (UUID id : ids) {
            literal.append(id).append(',');
        }
        literal.setLength(Math.max(1, literal.length() - 1));
        return literal.append('}').toString();
    }

    /**
     * Cases too many for these contacts: a case of one of their citizens that holds no contact (opened for a
     * contact that went elsewhere), plus any contact stored twice.
     */
    public long duplicateCases(Collection<UUID> contactIds) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("""
                WITH ours AS (
                  SELECT cc.contact_id, c.citizen_key
                  FROM case_contacts cc JOIN cases c ON c.id = cc.case_id WHERE cc.contact_id = ANY (?))
                SELECT (SELECT count(*) FROM cases c WHERE c.citizen_key IN (SELECT citizen_key FROM ours)
                          AND NOT EXISTS (SELECT 1 FROM case_contacts cc WHERE cc.case_id = c.id))
                     + (SELECT count(*) - count(DISTINCT contact_id) FROM ours)
                """)) {
            query.setArray(1, connection.createArrayOf("uuid", contactIds.toArray()));
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
