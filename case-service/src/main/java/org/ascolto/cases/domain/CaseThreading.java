package org.ascolto.cases.domain;

import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.ascolto.cases.config.CaseConfig;
import org.ascolto.contracts.CaseEvent;
import org.ascolto.contracts.CitizenContact;
import org.ascolto.contracts.EventJson;
import org.ascolto.contracts.RoutedContact;
import org.ascolto.contracts.RoutingDecision;
import org.hibernate.Session;

/**
 * Stores routed contacts exactly once and puts each on the right case: the open case of the same
 * citizen in the same category (or one resolved within the rejoin window, which reopens), or a new
 * one. A transaction-scoped advisory lock per citizen key serializes threading of one citizen, so
 * two contacts arriving at the same moment, on any consumer, never open two cases.
 */
@ApplicationScoped
public class CaseThreading {

    /** Who moves a resolved case back to work when the citizen writes again. */
    static final String CITIZEN = "citizen";

    private final CaseConfig config;
    private final EntityManager em;

    public CaseThreading(CaseConfig config, EntityManager em) {
        this.config = config;
        this.em = em;
    }

    /** Stores the contacts not stored yet, all in one transaction; answers how many were new. */
    @Transactional
    public int record(List<RoutedContact> batch) {
        Map<UUID, RoutedContact> byContactId = new LinkedHashMap<>();
        batch.forEach(routed -> byContactId.putIfAbsent(routed.contact().contactId(), routed));
        Set<String> citizens = new HashSet<>();
        byContactId.values().forEach(routed -> citizens.add(routed.contact().citizen().key()));
        lockCitizens(citizens);
        em.createQuery("select c.contactId from CaseContact c where c.contactId in :ids", UUID.class)
                .setParameter("ids", byContactId.keySet())
                .getResultList()
                .forEach(byContactId::remove);
        if (byContactId.isEmpty()) {
            return 0;
        }
        Instant now = Instant.now();
        Map<ThreadKey, CitizenCase> threads = threadsOf(citizens, now);
        Iterator<String> references = references(newThreads(byContactId.values(), threads.keySet()), now);

        List<CaseContact> contacts = new ArrayList<>();
        List<OutboxEntry> events = new ArrayList<>();
        for (RoutedContact routed : byContactId.values()) {
            CitizenContact contact = routed.contact();
            RoutingDecision decision = routed.routing();
            ThreadKey key = ThreadKey.of(routed);
            CitizenCase thread = threads.get(key);
            CaseEvent.Change added = CaseEventOutbox.contact(contact.contactId(), contact.channel());
            if (thread == null) {
                thread = open(contact, decision, references.next(), now);
                threads.put(key, thread);
                events.add(CaseEventOutbox.entry(thread, CaseEvent.OPENED, added, now));
            } else {
                join(thread, decision, now);
                events.add(CaseEventOutbox.entry(thread, CaseEvent.CONTACT_ADDED, added, now));
            }
            contacts.add(stored(routed, thread.id));
        }
        em.flush();
        insert(contacts, events);
        return contacts.size();
    }

    /** The bulk of a batch's rows in plain JDBC batches, without Hibernate's per-entity bookkeeping; new cases are flushed first. */
    private void insert(List<CaseContact> contacts, List<OutboxEntry> events) {
        em.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO case_contacts (contact_id, case_id,"
                    + " channel, external_id, occurred_at, received_at, subject, text, language, urgent, routed)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, cast(? as jsonb))")) {
                for (CaseContact contact : contacts) {
                    insert.setObject(1, contact.contactId);
                    insert.setObject(2, contact.caseId);
                    insert.setString(3, contact.channel);
                    insert.setString(4, contact.externalId);
                    insert.setObject(5, timestamp(contact.occurredAt));
                    insert.setObject(6, timestamp(contact.receivedAt));
                    insert.setString(7, contact.subject);
                    insert.setString(8, contact.text);
                    insert.setString(9, contact.language);
                    insert.setBoolean(10, contact.urgent);
                    insert.setString(11, contact.routed);
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO case_event_outbox"
                    + " (id, case_id, type, occurred_at, payload) VALUES (?, ?, ?, ?, cast(? as jsonb))")) {
                for (OutboxEntry event : events) {
                    insert.setObject(1, event.id);
                    insert.setObject(2, event.caseId);
                    insert.setString(3, event.type);
                    insert.setObject(4, timestamp(event.occurredAt));
                    insert.setString(5, event.payload);
                    insert.addBatch();
                }
                insert.executeBatch();
            }
        });
    }

    private static OffsetDateTime timestamp(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private void lockCitizens(Collection<String> citizenKeys) {
        // one lock order for every transaction, so that batches sharing citizens never deadlock
        Long[] lockIds = citizenKeys.stream().map(CaseThreading::lockId).sorted().toArray(Long[]::new);
        em.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement lock = connection.prepareStatement(
                    "select count(pg_advisory_xact_lock(id)) from unnest(?) as id")) {
                lock.setArray(1, connection.createArrayOf("bigint", lockIds));
                lock.executeQuery().close();
            }
        });
    }

    static long lockId(String citizenKey) {
        return UUID.nameUUIDFromBytes(citizenKey.getBytes(StandardCharsets.UTF_8)).getMostSignificantBits();
    }

    /** The case each citizen's contacts in a category would join now; the newest when several qualify. */
    private Map<ThreadKey, CitizenCase> threadsOf(Set<String> citizens, Instant now) {
        Map<ThreadKey, CitizenCase> threads = new HashMap<>();
        CitizenCase.<CitizenCase>list(
                "citizenKey in ?1 and (status in ?2 or (status = ?3 and resolvedAt >= ?4)) order by openedAt",
                citizens, CaseStatus.OPEN, CaseStatus.RESOLVED, now.minus(config.rejoinWindow()))
                .forEach(c -> threads.put(new ThreadKey(c.citizenKey, c.category), c));
        return threads;
    }

    private static int newThreads(Collection<RoutedContact> contacts, Set<ThreadKey> existing) {
        Set<ThreadKey> fresh = new HashSet<>();
        contacts.stream().map(ThreadKey::of).filter(t -> !existing.contains(t)).forEach(fresh::add);
        return fresh.size();
    }

    private CitizenCase open(CitizenContact contact, RoutingDecision decision, String reference, Instant now) {
        CitizenCase opened = new CitizenCase();
        opened.id = UUID.randomUUID();
        opened.reference = reference;
        opened.citizenKey = contact.citizen().key();
        opened.category = decision.category();
        opened.queue = decision.queue();
        opened.priority = decision.urgent() ? Priority.URGENT : Priority.NORMAL;
        opened.status = CaseStatus.NEW;
        opened.firstChannel = contact.channel();
        opened.openedAt = now;
        opened.updatedAt = now;
        opened.slaDueAt = slaDue(now, decision);
        opened.contactCount = 1;
        opened.persist();
        return opened;
    }

    private static void join(CitizenCase thread, RoutingDecision decision, Instant now) {
        if (thread.status == CaseStatus.RESOLVED) {
            thread.moveTo(CaseStatus.IN_PROGRESS, CITIZEN, now);
        }
        if (decision.urgent() && thread.priority != Priority.URGENT) {
            thread.priority = Priority.URGENT;
            thread.slaDueAt = slaDue(now, decision);
        }
        thread.contactCount++;
        thread.updatedAt = now;
    }

    private static CaseContact stored(RoutedContact routed, UUID caseId) {
        CitizenContact contact = routed.contact();
        CaseContact stored = new CaseContact();
        stored.contactId = contact.contactId();
        stored.caseId = caseId;
        stored.channel = contact.channel();
        stored.externalId = contact.externalId();
        stored.occurredAt = contact.occurredAt();
        stored.receivedAt = contact.receivedAt();
        stored.subject = contact.subject();
        stored.text = contact.text();
        stored.language = routed.routing().language();
        stored.urgent = routed.routing().urgent();
        stored.routed = new String(EventJson.write(routed), StandardCharsets.UTF_8);
        return stored;
    }

    private static Instant slaDue(Instant from, RoutingDecision decision) {
        return decision.slaHours() == null ? null : from.plus(Duration.ofHours(decision.slaHours()));
    }

    /** {@code count} new references, numbered from one database sequence so that every instance agrees. */
    private Iterator<String> references(int count, Instant now) {
        int year = now.atZone(ZoneOffset.UTC).getYear();
        @SuppressWarnings("unchecked")
        List<Number> numbers = em.createNativeQuery("select nextval('case_reference_seq') from generate_series(1, ?1)")
                .setParameter(1, count)
                .getResultList();
        return numbers.stream()
                .map(n -> "%s-%d-%06d".formatted(config.referencePrefix(), year, n.longValue()))
                .iterator();
    }

    /** Contacts of one citizen in one category thread onto one case. */
    record ThreadKey(String citizenKey, String category) {
        static ThreadKey of(RoutedContact routed) {
            return new ThreadKey(routed.contact().citizen().key(), routed.routing().category());
        }
    }
}
