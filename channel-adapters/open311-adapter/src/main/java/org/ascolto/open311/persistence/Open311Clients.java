package org.ascolto.open311.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import org.ascolto.open311.domain.ApiKeys;

/** The civic apps allowed to post requests, by the hash of their API key. */
@ApplicationScoped
public class Open311Clients {

    /** A client as integrators see it: never its key. */
    public record Client(UUID id, String name, Instant createdAt, String createdBy, Instant revokedAt, String revokedBy) {
    }

    private final DataSource dataSource;

    public Open311Clients(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Registers a client under the hash of {@code key}. */
    public Client create(String name, String key, String createdBy) {
        Client client = new Client(UUID.randomUUID(), name, Instant.now(), createdBy, null, null);
        try (Connection connection = dataSource.getConnection(); PreparedStatement insert = connection.prepareStatement(
                "insert into open311_clients (id, name, key_hash, created_at, created_by) values (?, ?, ?, ?, ?)")) {
            insert.setObject(1, client.id());
            insert.setString(2, name);
            insert.setString(3, ApiKeys.hash(key));
            insert.setObject(4, Rows.timestamp(client.createdAt()));
            insert.setString(5, createdBy);
            insert.executeUpdate();
            return client;
        } catch (SQLException e) {
            throw new IllegalStateException("registering an Open311 client failed: " + e.getMessage(), e);
        }
    }

    public List<Client> all() {
        return Rows.select(dataSource, "reading Open311 clients",
                "select id, name, created_at, created_by, revoked_at, revoked_by from open311_clients order by created_at",
                rows -> new Client(rows.getObject(1, UUID.class), rows.getString(2), Rows.instant(rows, 3), rows.getString(4),
                        Rows.instant(rows, 5), rows.getString(6)));
    }

    /** Revokes a client's key; answers false when there is no such client (or it was revoked already). */
    public boolean revoke(UUID id, String revokedBy) {
        try (Connection connection = dataSource.getConnection(); PreparedStatement update = connection.prepareStatement(
                "update open311_clients set revoked_at = now(), revoked_by = ? where id = ? and revoked_at is null")) {
            update.setString(1, revokedBy);
            update.setObject(2, id);
            return update.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new IllegalStateException("revoking an Open311 client failed: " + e.getMessage(), e);
        }
    }

    /** The client whose key this is, unless it is unknown or revoked. */
    public Optional<UUID> clientOf(String key) {
        return Rows.select(dataSource, "checking an Open311 key", "select id from open311_clients where key_hash = ? and revoked_at is null",
                row -> row.getObject(1, UUID.class), ApiKeys.hash(key)).stream().findFirst();
    }
}
