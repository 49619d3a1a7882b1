package org.ascolto.cases.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.ascolto.cases.domain.CitizenIdentifier;
import org.ascolto.contracts.CitizenErasure;
import org.ascolto.contracts.Topics;
import org.ascolto.keyring.Keyring;
import org.hibernate.Session;

/**
 * Citizens' personal data in the case store: who a phone, email or key is, and its redaction, for an erasure or once
 * the retention period is over. Redaction empties what the citizen and the operators wrote (subjects, texts, notes, replies), the
 * channel's message ids and the citizen key, and cuts the stored routed contact down to its non-personal facts
 * (channel, times, the routing decision without the words that argued for it); the case's reference, category, queue,
 * lifecycle and history stay, and so do the contact ids, so that Kafka redeliveries are still recognized and never
 * bring the content back. The replies of redacted cases leave the outbox.
 */
@ApplicationScoped
public class PersonalData {

    /** What a redacted case's citizen key reads: no real key has this shape, so no new contact joins the case. */
    public static final String REDACTED_KEY = "redacted";

    /** What an erasure did; the identifier's kind is all it keeps of the citizen. */
    public record Erasure(UUID id, int cases, int contacts, long tookMillis) {
    }

    private final EntityManager em;
    private final Keyring keyring;

    public PersonalData(EntityManager em, Keyring keyring) {
        this.em = em;
        this.keyring = keyring;
    }

    /** The citizen keys an identifier stands for: the key itself, or those of every stored contact that carried the phone or email. */
    @Transactional
    public Set<String> citizenKeys(CitizenIdentifier identifier) {
        return em.unwrap(Session.class).doReturningWork(connection -> citizenKeys(connection, identifier));
    }

    /**
     * Erases a citizen (Art. 17): under the citizen's intake lock, redacts every case of theirs, records the erasure
     * and, per case, an audit entry under the officer's name, and writes one {@link CitizenErasure} per citizen key into
     * the outbox, so the services that keep their own copies erase them once this is committed. Last, before this
     * commits, it deletes the citizen's data keys in the keyring database (a transaction of its own): their records on
     * Kafka, the DLQ's copies included, can never be opened again. A keyring that fails rolls all of it back, to be asked
     * again; erasing again finds no key left to delete.
     */
    @Transactional
    public Erasure erase(CitizenIdentifier identifier, String officer) {
        long started = System.nanoTime();
        return em.unwrap(Session.class).doReturningWork(connection -> {
            Set<String> keys = citizenKeys(connection, identifier);
            ThreadingStore.lock(connection, keys.stream().map(ThreadingStore::lockId).toList());
            Map<String, List<UUID>> casesByKey = new LinkedHashMap<>();
            keys.forEach(key -> casesByKey.put(key, new ArrayList<>()));
            try (PreparedStatement select = connection.prepareStatement("select citizen_key, id from cases where citizen_key = any(?)")) {
                select.setArray(1, connection.createArrayOf("varchar", keys.toArray()));
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        casesByKey.get(rows.getString(1)).add(rows.getObject(2, UUID.class));
                    }
                }
            }
            List<UUID> caseIds = casesByKey.values().stream().flatMap(List::stream).toList();
            UUID erasureId = UUID.randomUUID();
            int contacts = redact(connection, caseIds);
            Instant erasedAt = Instant.now();
            CaseRows.insertErasures(connection, casesByKey.entrySet().stream()
                    .map(key -> CitizenErasure.of(erasureId, key.getKey(), key.getValue(), erasedAt)).toList());
            // the citizen's choice about notices is kept by their key: personal data too
            try (PreparedStatement optOuts = connection.prepareStatement("delete from notice_opt_outs where citizen_key = any(?)")) {
                optOuts.setArray(1, connection.createArrayOf("varchar", keys.toArray()));
                optOuts.executeUpdate();
            }
            AuditLog.record(connection, officer, AuditLog.ERASED, caseIds, "erasure " + erasureId);
            long took = (System.nanoTime() - started) / 1_000_000;
            try (PreparedStatement insert = connection.prepareStatement("insert into erasures (id, requested_by, requested_at,"
                    + " identified_by, cases, contacts, took_ms) values (?, ?, now(), ?, ?, ?, ?)")) {
                insert.setObject(1, erasureId);
                insert.setString(2, officer);
                insert.setString(3, identifier.toString());
                insert.setInt(4, caseIds.size());
                insert.setInt(5, contacts);
                insert.setLong(6, took);
                insert.executeUpdate();
            }
            keyring.erase(keys);
            return new Erasure(erasureId, caseIds.size(), contacts, took);
        });
    }

    /**
     * Redacts up to {@code limit} cases resolved or closed before {@code resolvedBefore} and not redacted yet, with an
     * audit entry each; answers how many. Cases another transaction holds are left for the next round.
     */
    @Transactional
    public int purgeResolvedBefore(Instant resolvedBefore, int limit) {
        return em.unwrap(Session.class).doReturningWork(connection -> {
            List<UUID> caseIds;
            try (PreparedStatement select = connection.prepareStatement("select id from cases where redacted_at is null"
                    + " and resolved_at < ? and status in ('RESOLVED', 'CLOSED') order by resolved_at limit ?"
                    + " for update skip locked")) {
                select.setObject(1, CaseRows.timestamp(resolvedBefore));
                select.setInt(2, limit);
                caseIds = ids(select);
            }
            redact(connection, caseIds);
            AuditLog.record(connection, AuditLog.SYSTEM, AuditLog.RETENTION_PURGED, caseIds, null);
            return caseIds.size();
        });
    }

    /**
     * Redacts the cases, their contacts, notes and replies, and drops their replies' records from the outbox; answers how
     * many contacts were redacted.
     */
    private static int redact(Connection connection, List<UUID> caseIds) throws SQLException {
        if (caseIds.isEmpty()) {
            return 0;
        }
        var ids = connection.createArrayOf("uuid", caseIds.toArray());
        int contacts;
        try (PreparedStatement contactRows = connection.prepareStatement("update case_contacts set subject = null, text = '',"
                + " external_id = '', redacted_at = now(), routed = jsonb_build_object("
                + " 'schemaVersion', routed -> 'schemaVersion', 'redacted', true,"
                + " 'contact', jsonb_build_object('contactId', routed #> '{contact,contactId}', 'channel', routed #> '{contact,channel}',"
                + "   'occurredAt', routed #> '{contact,occurredAt}', 'receivedAt', routed #> '{contact,receivedAt}'),"
                + " 'routing', (routed -> 'routing') - 'reasons')"
                + " where case_id = any(?) and redacted_at is null")) {
            contactRows.setArray(1, ids);
            contacts = contactRows.executeUpdate();
        }
        // replies not yet relayed, or relayed and kept for the outbox retention, hold the citizen's address and the text
        try (PreparedStatement replies = connection.prepareStatement("delete from case_event_outbox"
                + " where topic = '" + Topics.REPLIES + "' and case_id = any(?)")) {
            replies.setArray(1, ids);
            replies.executeUpdate();
        }
        for (String written : List.of("case_notes", "case_replies")) {
            try (PreparedStatement texts = connection.prepareStatement("update " + written + " set text = '' where case_id = any(?)")) {
                texts.setArray(1, ids);
                texts.executeUpdate();
            }
        }
        try (PreparedStatement cases = connection.prepareStatement("update cases set citizen_key = ?, redacted_at = now(),"
                + " version = version + 1 where id = any(?)")) {
            cases.setString(1, REDACTED_KEY);
            cases.setArray(2, ids);
            cases.executeUpdate();
        }
        return contacts;
    }

    private static Set<String> citizenKeys(Connection connection, CitizenIdentifier identifier) throws SQLException {
        String lookup = switch (identifier.kind()) {
            case CITIZEN_KEY -> null;
            case PHONE -> "select distinct c.citizen_key from case_contacts k join cases c on c.id = k.case_id"
                    + " where k.routed #>> '{contact,citizen,phone}' = ?";
            case EMAIL -> "select distinct c.citizen_key from case_contacts k join cases c on c.id = k.case_id"
                    + " where lower(k.routed #>> '{contact,citizen,email}') = ?";
        };
        Set<String> keys = new LinkedHashSet<>();
        if (lookup == null) {
            keys.add(identifier.value());
            return keys;
        }
        try (PreparedStatement select = connection.prepareStatement(lookup)) {
            select.setString(1, identifier.value());
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    keys.add(rows.getString(1));
                }
            }
        }
        keys.remove(REDACTED_KEY);
        return keys;
    }

    private static List<UUID> ids(PreparedStatement select) throws SQLException {
        List<UUID> ids = new ArrayList<>();
        try (ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                ids.add(rows.getObject(1, UUID.class));
            }
        }
        return ids;
    }
}
