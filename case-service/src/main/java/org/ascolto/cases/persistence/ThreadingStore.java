package org.ascolto.cases.persistence;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.ascolto.cases.config.CaseConfig;
import org.ascolto.cases.domain.CaseStatus;
import org.ascolto.cases.domain.CaseThreading.ThreadKey;
import org.ascolto.cases.domain.CaseThreading;
import org.ascolto.cases.domain.CitizenCase;
import org.ascolto.cases.domain.PendingEvent;
import org.ascolto.cases.domain.ReceivedContact;
import org.ascolto.cases.domain.StatusChange;
import org.hibernate.Session;

/**
 * Stores routed contacts exactly once, each on its case (see {@link CaseThreading}), a batch per transaction. A
 * transaction-scoped advisory lock per citizen key serializes the threading of one citizen, so two contacts arriving
 * at the same moment, on any instance, never open two cases, and a contact already stored is seen as such. One
 * statement per lookup whatever the batch size (array parameters, so PostgreSQL plans each once), JDBC batches for
 * the rows.
 */
@ApplicationScoped
public class ThreadingStore {

    private static final String[] OPEN_STATUSES = CaseStatus.OPEN.stream().map(Enum::name).toArray(String[]::new);

    private final CaseConfig config;
    private final EntityManager em;

    public ThreadingStore(CaseConfig config, EntityManager em) {
        this.config = config;
        this.em = em;
    }

    /** Stores the contacts not stored yet, all in one transaction; answers how many were new. */
    @Transactional
    public int record(List<ReceivedContact> batch) {
        Map<UUID, ReceivedContact> fresh = new LinkedHashMap<>();
        batch.forEach(received -> fresh.putIfAbsent(received.contactId(), received));
        Set<String> citizens = new HashSet<>();
        fresh.values().forEach(received -> citizens.add(received.citizenKey()));
        Instant now = Instant.now();
        return em.unwrap(Session.class).doReturningWork(connection -> {
            lock(connection, citizens.stream().map(ThreadingStore::lockId).toList());
            fresh.keySet().removeAll(storedContacts(connection, fresh.keySet()));
            if (fresh.isEmpty()) {
                return 0;
            }
            Map<ThreadKey, CitizenCase> threads = new HashMap<>();
            joinableCases(connection, citizens, now.minus(config.rejoinWindow())).forEach(c -> threads.put(ThreadKey.of(c), c));
            List<Long> numbers = nextReferenceNumbers(connection, CaseThreading.newCases(fresh.values(), threads.keySet()));
            CaseThreading.Placement placement = CaseThreading.place(fresh.values(), threads,
                    CaseThreading.references(config.referencePrefix(), numbers, now), now);

            List<StatusChange> steps = new ArrayList<>();
            List<PendingEvent> events = new ArrayList<>();
            for (Collection<CitizenCase> touched : List.of(placement.opened(), placement.joined())) {
                touched.forEach(c -> {
                    steps.addAll(c.takeSteps());
                    events.addAll(c.takeEvents());
                });
            }
            CaseRows.insertCases(connection, placement.opened());
            CaseRows.updateJoinedCases(connection, placement.joined());
            CaseRows.insertContacts(connection, placement.placed());
            CaseRows.insertStatusChanges(connection, steps);
            CaseRows.insertEvents(connection, events);
            return placement.placed().size();
        });
    }

    static long lockId(String citizenKey) {
        return UUID.nameUUIDFromBytes(citizenKey.getBytes(StandardCharsets.UTF_8)).getMostSignificantBits();
    }

    /** Takes the transaction-scoped advisory locks, in one order for every transaction so that batches sharing citizens never deadlock. */
    private static void lock(Connection connection, Collection<Long> lockIds) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement("select count(pg_advisory_xact_lock(id)) from unnest(?) as id")) {
            lock.setArray(1, connection.createArrayOf("bigint", lockIds.stream().sorted().toArray(Long[]::new)));
            lock.executeQuery().close();
        }
    }

    /** The contacts among {@code contactIds} that are stored already. */
    private static Set<UUID> storedContacts(Connection connection, Collection<UUID> contactIds) throws SQLException {
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
    private static List<CitizenCase> joinableCases(Connection connection, Collection<String> citizenKeys, Instant resolvedSince)
            throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("select c.* from unnest(?) as citizen(key)"
                + " cross join lateral (select id, reference, citizen_key, category, queue, priority, status, assignee,"
                + " first_channel, sla_due_at, opened_at, updated_at, resolved_at, contact_count, event_sequence, version"
                + " from cases where citizen_key = citizen.key"
                + " and (status = any(?) or (status = 'RESOLVED' and resolved_at >= ?)) offset 0) as c order by c.opened_at")) {
            select.setArray(1, connection.createArrayOf("varchar", citizenKeys.toArray()));
            select.setArray(2, connection.createArrayOf("varchar", OPEN_STATUSES));
            select.setObject(3, CaseRows.timestamp(resolvedSince));
            List<CitizenCase> cases = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    cases.add(CaseRows.citizenCase(rows));
                }
            }
            return cases;
        }
    }

    /** {@code count} numbers from the one database sequence of references, so that every instance agrees. */
    private static List<Long> nextReferenceNumbers(Connection connection, int count) throws SQLException {
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
}
