package org.ascolto.cases.domain;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
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
import org.ascolto.contracts.RoutedContact;
import org.ascolto.contracts.RoutingDecision;
import org.hibernate.Session;

/**
 * Stores routed contacts exactly once and puts each on the right case: the open case of the same
 * citizen in the same category (or one resolved within the rejoin window, which reopens), or a new
 * one. A transaction-scoped advisory lock per citizen key serializes threading of one citizen, so
 * two contacts arriving at the same moment, on any consumer, never open two cases, and a contact
 * already stored is seen as such.
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
    public int record(List<ReceivedContact> batch) {
        Map<UUID, ReceivedContact> byContactId = new LinkedHashMap<>();
        batch.forEach(received -> byContactId.putIfAbsent(received.contactId(), received));
        Set<String> citizens = new HashSet<>();
        byContactId.values().forEach(received -> citizens.add(received.citizenKey()));
        Instant now = Instant.now();
        Session session = em.unwrap(Session.class);
        Map<ThreadKey, CitizenCase> threads = new HashMap<>();
        Iterator<String> references = session.doReturningWork(connection -> {
            ThreadingStore store = new ThreadingStore(connection);
            store.lock(citizens.stream().map(CaseThreading::lockId).toList());
            byContactId.keySet().removeAll(store.storedContacts(byContactId.keySet()));
            if (byContactId.isEmpty()) {
                return Collections.<String>emptyIterator();
            }
            store.joinableCases(citizens, now.minus(config.rejoinWindow()))
                    .forEach(c -> threads.put(new ThreadKey(c.citizenKey, c.category), c));
            return references(store.nextReferenceNumbers(newThreads(byContactId.values(), threads.keySet())), now);
        });
        if (byContactId.isEmpty()) {
            return 0;
        }

        Set<CitizenCase> opened = new LinkedHashSet<>();
        Set<CitizenCase> joined = new LinkedHashSet<>();
        List<Placed> placed = new ArrayList<>(byContactId.size());
        List<OutboxEntry> events = new ArrayList<>(byContactId.size());
        for (ReceivedContact received : byContactId.values()) {
            CitizenContact contact = received.routed().contact();
            RoutingDecision decision = received.routed().routing();
            ThreadKey key = ThreadKey.of(received.routed());
            CitizenCase thread = threads.get(key);
            CaseEvent.Change added = CaseEventOutbox.contact(contact.contactId(), contact.channel());
            if (thread == null) {
                thread = open(contact, decision, references.next(), now);
                threads.put(key, thread);
                opened.add(thread);
                events.add(CaseEventOutbox.entry(thread, CaseEvent.OPENED, added, now, received.traceparent()));
            } else {
                join(thread, decision, now, received.traceparent());
                if (!opened.contains(thread)) {
                    joined.add(thread);
                }
                events.add(CaseEventOutbox.entry(thread, CaseEvent.CONTACT_ADDED, added, now, received.traceparent()));
            }
            placed.add(new Placed(received, thread.id));
        }
        // a reopening's status change and event, persisted by the lifecycle, go first: outbox order is event order
        em.flush();
        session.doWork(connection -> {
            ThreadingStore store = new ThreadingStore(connection);
            store.insertCases(opened);
            store.updateJoinedCases(joined);
            store.insertContacts(placed);
            store.insertEvents(events);
        });
        return placed.size();
    }

    static long lockId(String citizenKey) {
        return UUID.nameUUIDFromBytes(citizenKey.getBytes(StandardCharsets.UTF_8)).getMostSignificantBits();
    }

    private static int newThreads(Collection<ReceivedContact> contacts, Set<ThreadKey> existing) {
        Set<ThreadKey> fresh = new HashSet<>();
        contacts.stream().map(received -> ThreadKey.of(received.routed())).filter(t -> !existing.contains(t)).forEach(fresh::add);
        return fresh.size();
    }

    private static CitizenCase open(CitizenContact contact, RoutingDecision decision, String reference, Instant now) {
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
        return opened;
    }

    private static void join(CitizenCase thread, RoutingDecision decision, Instant now, String traceparent) {
        if (thread.status == CaseStatus.RESOLVED) {
            thread.moveTo(CaseStatus.IN_PROGRESS, CITIZEN, now, traceparent);
        }
        if (decision.urgent() && thread.priority != Priority.URGENT) {
            thread.priority = Priority.URGENT;
            thread.slaDueAt = slaDue(now, decision);
        }
        thread.contactCount++;
        thread.updatedAt = now;
    }

    private static Instant slaDue(Instant from, RoutingDecision decision) {
        return decision.slaHours() == null ? null : from.plus(Duration.ofHours(decision.slaHours()));
    }

    private Iterator<String> references(List<Long> numbers, Instant now) {
        int year = now.atZone(ZoneOffset.UTC).getYear();
        return numbers.stream()
                .map(n -> "%s-%d-%06d".formatted(config.referencePrefix(), year, n))
                .iterator();
    }

    /** A contact and the case it joins. */
    record Placed(ReceivedContact received, UUID caseId) {
    }

    /** Contacts of one citizen in one category thread onto one case. */
    record ThreadKey(String citizenKey, String category) {
        static ThreadKey of(RoutedContact routed) {
            return new ThreadKey(routed.contact().citizen().key(), routed.routing().category());
        }
    }
}
