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
import org.ascolto.cases.domain.CaseThreading;
import org.ascolto.cases.domain.CaseThreading.ThreadKey;
import org.ascolto.cases.domain.CitizenCase;
import org.ascolto.cases.domain.PendingEvent;
import org.ascolto.cases.domain.ReceivedContact;
import org.ascolto.cases.domain.StatusChange;
import org.ascolto.contracts.Reply;
import org.hibernate.Session;

/**
 * Stores routed contacts exactly once, each on its case (see {@link CaseThreading}), a batch per transaction. A
 * transaction-scoped advisory lock per citizen key serializes the threading of one citizen, so two contacts arriving
 * at the same moment, on any instance, never open two cases, and a contact already stored is seen as such. One
 * statement per lookup whatever the batch size (array parameters, so PostgreSQL plans each once), JDBC batches for
 * the rows. A citizen's stop word and the receipts of the cases a batch opens are written in its transaction too
 * ({@link CitizenNotices}).
 */
@ApplicationScoped
public class ThreadingStore {

    private static final String[] OPEN_STATUSES = CaseStatus.OPEN.stream().map(Enum::name).toArray(String[]::new);

    private final CaseConfig config;
    private final EntityManager em;
    private final CitizenNotices notices;

    public ThreadingStore(CaseConfig config, EntityManager em, CitizenNotices notices) {
        this.config = config;
        this.em = em;
        this.notices = notices;
    }

    /**
     * Stores the contacts not stored yet, and the newer versions of stored ones, all in one transaction; answers how many
     * were new.
     */
    @Transactional
    public int record(List<ReceivedContact> batch) {
        Map<UUID, ReceivedContact> fresh = new LinkedHashMap<>();
        batch.forEach(received -> fresh.merge(received.contactId(), received,
                (first, next) -> next.routed().contact().updates(first.routed().contact().updatedAt()) ? next : first));
        Set<String> citizens = new HashSet<>();
        fresh.values().forEach(received -> citizens.add(received.citizenKey()));
        Instant now = Instant.now();
        return em.unwrap(Session.class).doReturningWork(connection -> {
            lock(connection, citizens.stream().map(ThreadingStore::lockId).toList());
            Map<UUID, Stored> stored = storedContacts(connection, fresh.keySet());
            List<ReceivedContact> revised = fresh.values().stream()
                    .filter(received -> stored.containsKey(received.contactId())
                            && received.routed().contact().updates(stored.get(received.contactId()).updatedAt()))
                    .toList();
            fresh.keySet().removeAll(stored.keySet());
            if (!revised.isEmpty()) {
                revise(connection, revised, stored, now);
            }
            if (fresh.isEmpty()) {
                return 0;
            }
            Map<ThreadKey, CitizenCase> threads = new HashMap<>();
            joinableCases(connection, citizens, now.minus(config.rejoinWindow())).forEach(c -> threads.put(ThreadKey.of(c), c));
            List<Long> numbers = nextReferenceNumbers(connection, CaseThreading.newCases(fresh.values(), threads.keySet()));
            CaseThreading.Placement placement = CaseThreading.place(fresh.values(), threads,
                    CaseThreading.references(config.referencePrefix(), numbers, now), now);
            List<Reply> receipts = notices.receipts(connection, placement.opened(), placement.placed(), now);

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
            CaseRows.insertNotices(connection, receipts);
            return placement.placed().size();
        });
    }

    /** Newer versions of stored contacts replace them, each an event on its case. */
    private static void revise(Connection connection, List<ReceivedContact> revised, Map<UUID, Stored> stored, Instant now)
            throws SQLException {
        Map<UUID, CitizenCase> cases = new HashMap<>();
        casesById(connection, revised.stream().map(r -> stored.get(r.contactId()).caseId()).distinct().toList())
                .forEach(c -> cases.put(c.id, c));
        List<PendingEvent> events = new ArrayList<>();
        for (ReceivedContact received : revised) {
            CitizenCase c = cases.get(stored.get(received.contactId()).caseId());
            c.revise(received.routed().contact(), received.routed().routing(), received.traceparent(), now);
        }
        cases.values().forEach(c -> events.addAll(c.takeEvents()));
        CaseRows.updateContacts(connection, revised);
        CaseRows.updateJoinedCases(connection, cases.values());
        CaseRows.insertEvents(connection, events);
    }

    static long lockId(String citizenKey) {
        return UUID.nameUUIDFromBytes(citizenKey.getBytes(StandardCharsets.UTF_8)).getMostSignificantBits();
    }

    /** Takes the transaction-scoped advisory locks, in one order for every transaction so that batches sharing citizens never deadlock. */
    static void lock(Connection connection, Collection<Long> lockIds) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement("select count(pg_advisory_xact_lock(id)) from unnest(?) as id")) {
            lock.setArray(1, connection.createArrayOf("bigint", lockIds.stream().sorted().toArray(Long[]::new)));
            lock.executeQuery().close();
        }
    }

    /** A contact as stored: its case, and when its channel last changed it. */
    private record Stored(UUID caseId, Instant updatedAt) {
    }

    /**
     * The contacts among {@code contactIds} that are stored already. A redacted contact counts as changed at the end of
     * time, so that no later version of it (a call record updated after an erasure) brings its content back. One
     * primary-key lookup a contact, kept so by {@code offset 0}: written as {@code contact_id = any(?)}, PostgreSQL
     * probes the index of a big batch about three times slower.
     */
    private static Map<UUID, Stored> storedContacts(Connection connection, Collection<UUID> contactIds) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("select c.* from unnest(?) as wanted(id)"
                + " cross join lateral (select contact_id, case_id,"
                + " case when redacted_at is null then updated_at else timestamptz '9999-12-31Z' end as updated_at"
                + " from case_contacts where contact_id = wanted.id offset 0) as c")) {
            select.setArray(1, connection.createArrayOf("uuid", contactIds.toArray()));
            Map<UUID, Stored> stored = new HashMap<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    stored.put(rows.getObject(1, UUID.class), new Stored(rows.getObject(2, UUID.class), CaseRows.instant(rows, "updated_at")));
                }
            }
            return stored;
        }
    }

    private static List<CitizenCase> casesById(Connection connection, List<UUID> ids) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("select id, reference, citizen_key, category, queue, priority,"
                + " status, assignee, first_channel, sla_due_at, opened_at, updated_at, resolved_at, contact_count, event_sequence,"
                + " version from cases where id = any(?)")) {
            select.setArray(1, connection.createArrayOf("uuid", ids.toArray()));
            List<CitizenCase> cases = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    cases.add(CaseRows.citizenCase(rows));
                }
            }
            return cases;
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
