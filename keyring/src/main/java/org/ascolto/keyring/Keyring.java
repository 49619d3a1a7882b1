package org.ascolto.keyring;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import javax.sql.DataSource;

import org.postgresql.ds.PGSimpleDataSource;

/**
 * Citizens' data keys, one per pseudonymous citizen key, in the table {@code citizen_data_keys} of the keyring database,
 * wrapped by the {@link MasterKey}; the keys this process used lately stay unwrapped in a {@link DataKeyCache}, so that
 * sealing and opening a known citizen's records costs no database round trip, and each process drops an erased
 * citizen's key from it as its {@link ErasureBroadcast} hears of the erasure. A key the table no longer holds, or
 * holds under another id, is erased: {@link #find} says so with an empty answer, never with an error.
 */
public class Keyring {

    /** Rows of one INSERT of new keys: three parameters each, well under PostgreSQL's 65,535. */
    private static final int ROWS_PER_INSERT = 500;
    /**
     * The rows of a batch of citizens, one primary-key lookup each, kept so by {@code OFFSET 0}: written as
     * {@code citizen_key = any(?)}, PostgreSQL probes the index about half as fast and, from about a thousand keys,
     * reads the whole table instead (in parallel workers), a cost that grows with every citizen who ever wrote.
     */
    private static final String SELECT_EACH = "SELECT k.citizen_key, k.key_id, k.wrapped_key FROM unnest(?::text[]) AS wanted(citizen_key)"
            + " CROSS JOIN LATERAL (SELECT citizen_key, key_id, wrapped_key FROM citizen_data_keys"
            + " WHERE citizen_key = wanted.citizen_key OFFSET 0) AS k";

    private final DataSource database;
    private final MasterKey masterKey;
    private final DataKeyCache cache;

    public Keyring(DataSource database, MasterKey masterKey, int cacheCapacity, Duration cacheTimeToLive) {
        this.database = database;
        this.masterKey = masterKey;
        this.cache = new DataKeyCache(cacheCapacity, cacheTimeToLive);
    }

    /** A keyring on the database at {@code jdbcUrl}, for a program outside a service (a test that reads the topics). */
    public static Keyring connect(String jdbcUrl, String user, String password, MasterKey masterKey) {
        return connect(jdbcUrl, user, password, masterKey, 10_000, Duration.ofMinutes(1));
    }

    /** The same, with a key cache of that capacity and time to live (a bench's loader that holds every citizen's key). */
    public static Keyring connect(String jdbcUrl, String user, String password, MasterKey masterKey, int cacheCapacity,
            Duration cacheTimeToLive) {
        PGSimpleDataSource database = new PGSimpleDataSource();
        database.setUrl(jdbcUrl);
        database.setUser(user);
        database.setPassword(password);
        return new Keyring(database, masterKey, cacheCapacity, cacheTimeToLive);
    }

    /**
     * The citizen's data key to seal with, created on first use. Race-free across processes: each inserts its candidate
     * unless a row exists; one whose candidate did not win reads the row that did.
     */
    public DataKey current(String citizenKey) {
        DataKey cached = cache.get(citizenKey);
        if (cached != null) {
            return cached;
        }
        DataKey stored = createdOrRead(List.of(citizenKey)).get(citizenKey);
        if (stored == null) {
            throw unavailable(new SQLException("the citizen's data key was erased while it was created"));
        }
        return stored;
    }

    /**
     * Readies the data keys to seal with of these citizens (the contacts of one request), as {@link #current} does for
     * one, for all of them at once: one statement creates the keys of those this process does not hold, one more reads
     * those another process created first (or this one, before its cache let them go), so that a batch of new citizens
     * costs one round trip rather than one a citizen.
     */
    public void prepare(Collection<String> citizenKeys) {
        List<String> missing = notCached(citizenKeys);
        if (!missing.isEmpty()) {
            createdOrRead(missing);
        }
    }

    /**
     * The citizens' keys, cached: a candidate inserted for each unless a row exists, then the rows of those whose
     * candidate did not win read. Sorted first, so that two processes creating some of the same citizens' keys take the
     * rows' locks in one order, never each waiting for the other. A key erased meanwhile is missing from the answer.
     */
    private Map<String, DataKey> createdOrRead(List<String> citizenKeys) {
        List<String> sorted = citizenKeys.stream().sorted().toList();
        Map<String, DataKey> keys = new HashMap<>();
        try (Connection connection = database.getConnection()) {
            for (int from = 0; from < sorted.size(); from += ROWS_PER_INSERT) {
                keys.putAll(inserted(connection, sorted.subList(from, Math.min(sorted.size(), from + ROWS_PER_INSERT))));
            }
            List<String> lost = sorted.stream().filter(citizenKey -> !keys.containsKey(citizenKey)).toList();
            if (!lost.isEmpty()) {
                keys.putAll(readAll(connection, lost));
            }
        } catch (SQLException e) {
            throw unavailable(e);
        }
        keys.forEach(cache::put);
        return keys;
    }

    /** The candidates that won, of a candidate key inserted for each citizen in one statement unless a row exists. */
    private Map<String, DataKey> inserted(Connection connection, List<String> citizenKeys) throws SQLException {
        Map<String, DataKey> candidates = new HashMap<>();
        String rows = String.join(", ", Collections.nCopies(citizenKeys.size(), "(?, ?, ?)"));
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO citizen_data_keys (citizen_key, key_id, wrapped_key)"
                + " VALUES " + rows + " ON CONFLICT (citizen_key) DO NOTHING RETURNING citizen_key")) {
            int parameter = 0;
            for (String citizenKey : citizenKeys) {
                DataKey candidate = new DataKey(UUID.randomUUID(), Aead.newKey());
                candidates.put(citizenKey, candidate);
                insert.setString(++parameter, citizenKey);
                insert.setObject(++parameter, candidate.id());
                insert.setBytes(++parameter, masterKey.wrap(citizenKey, candidate));
            }
            Map<String, DataKey> won = new HashMap<>();
            try (ResultSet inserted = insert.executeQuery()) {
                while (inserted.next()) {
                    String citizenKey = inserted.getString(1);
                    won.put(citizenKey, candidates.get(citizenKey));
                }
            }
            return won;
        }
    }

    /** The citizen's data key of that id, or nothing when it was erased (the citizen may have a newer one since). */
    public Optional<DataKey> find(String citizenKey, UUID keyId) {
        DataKey cached = cache.get(citizenKey);
        if (cached != null && cached.id().equals(keyId)) {
            return Optional.of(cached);
        }
        try (Connection connection = database.getConnection()) {
            Optional<DataKey> stored = Optional.ofNullable(readAll(connection, List.of(citizenKey)).get(citizenKey));
            stored.ifPresentOrElse(key -> cache.put(citizenKey, key), () -> cache.forget(citizenKey));
            return stored.filter(key -> key.id().equals(keyId));
        } catch (SQLException e) {
            throw unavailable(e);
        }
    }

    /**
     * Reads the data keys of those citizens whose keys this process does not hold, in one round trip, so that opening
     * a polled batch of records of new citizens costs one query rather than one a record. A citizen without a key is
     * left for {@link #find} to answer.
     */
    public void preload(Collection<String> citizenKeys) {
        List<String> missing = notCached(citizenKeys);
        if (missing.isEmpty()) {
            return;
        }
        try (Connection connection = database.getConnection()) {
            readAll(connection, missing).forEach(cache::put);
        } catch (SQLException e) {
            throw unavailable(e);
        }
    }

    /**
     * Erases the citizens' data keys (their rows, and this process's cached copies), in a transaction of the keyring
     * database of its own; again for the same citizens erases nothing more. Answers how many keys there were.
     */
    public int erase(Collection<String> citizenKeys) {
        citizenKeys.forEach(cache::forget);
        try (Connection connection = database.getConnection();
                PreparedStatement delete = connection.prepareStatement("DELETE FROM citizen_data_keys WHERE citizen_key = any(?)")) {
            delete.setArray(1, connection.createArrayOf("text", citizenKeys.toArray()));
            return delete.executeUpdate();
        } catch (SQLException e) {
            throw unavailable(e);
        }
    }

    /** Drops this process's copy of the citizen's key, when it learns of their erasure. */
    public void forget(String citizenKey) {
        cache.forget(citizenKey);
    }

    /** These citizens, once each, but those whose keys this process holds. */
    private List<String> notCached(Collection<String> citizenKeys) {
        return citizenKeys.stream().distinct().filter(citizenKey -> cache.get(citizenKey) == null).toList();
    }

    /** The keys the table holds of these citizens, in one query; a citizen without one is not in the answer. */
    private Map<String, DataKey> readAll(Connection connection, List<String> citizenKeys) throws SQLException {
        Map<String, DataKey> keys = new HashMap<>();
        try (PreparedStatement select = connection.prepareStatement(SELECT_EACH)) {
            select.setArray(1, connection.createArrayOf("text", citizenKeys.toArray()));
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    String citizenKey = rows.getString(1);
                    keys.put(citizenKey, masterKey.unwrap(citizenKey, rows.getObject(2, UUID.class), rows.getBytes(3)));
                }
            }
        }
        return keys;
    }

    private static KeyringUnavailableException unavailable(SQLException e) {
        return new KeyringUnavailableException("the keyring database did not answer: " + e.getMessage(), e);
    }
}
