package org.ascolto.cases.domain;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.ascolto.contracts.CitizenContact;
import org.ascolto.contracts.RoutedContact;
import org.ascolto.contracts.RoutingDecision;

/**
 * Puts each new contact on the right case: the open case of the same citizen in the same category, or one resolved
 * within the rejoin window (which reopens), or a new one. Pure: the caller finds the joinable cases and stores the
 * result, in one transaction.
 */
public final class CaseThreading {

    private CaseThreading() {
    }

    /** What a batch did: the cases it opened, the existing cases it joined, and where each contact went, in order. */
    public record Placement(Set<CitizenCase> opened, Set<CitizenCase> joined, List<Placed> placed) {
    }

    /** A contact and the case it is on. */
    public record Placed(ReceivedContact received, UUID caseId) {
    }

    /** Contacts of one citizen in one category thread onto one case. */
    public record ThreadKey(String citizenKey, String category) {

        public static ThreadKey of(RoutedContact routed) {
            return new ThreadKey(routed.contact().citizen().key(), routed.routing().category());
        }

        public static ThreadKey of(CitizenCase c) {
            return new ThreadKey(c.citizenKey, c.category);
        }
    }

    /** How many new cases the contacts open beside the joinable ones: the references to draw. */
    public static int newCases(Collection<ReceivedContact> contacts, Set<ThreadKey> joinable) {
        Set<ThreadKey> fresh = new HashSet<>();
        contacts.stream().map(received -> ThreadKey.of(received.routed())).filter(key -> !joinable.contains(key)).forEach(fresh::add);
        return fresh.size();
    }

    /**
     * Places the contacts, in order, on the {@code joinable} cases (by thread, updated as contacts open new ones) or on new
     * cases numbered from {@code references}.
     */
    public static Placement place(Collection<ReceivedContact> contacts, Map<ThreadKey, CitizenCase> joinable,
            Iterator<String> references, Instant now) {
        Set<CitizenCase> opened = new LinkedHashSet<>();
        Set<CitizenCase> joined = new LinkedHashSet<>();
        List<Placed> placed = new ArrayList<>(contacts.size());
        for (ReceivedContact received : contacts) {
            CitizenContact contact = received.routed().contact();
            RoutingDecision decision = received.routed().routing();
            ThreadKey key = ThreadKey.of(received.routed());
            CitizenCase thread = joinable.get(key);
            if (thread == null) {
                thread = CitizenCase.open(contact, decision, references.next(), received.traceparent(), now);
                joinable.put(key, thread);
                opened.add(thread);
            } else {
                thread.join(contact, decision, received.traceparent(), now);
                if (!opened.contains(thread)) {
                    joined.add(thread);
                }
            }
            placed.add(new Placed(received, thread.id));
        }
        return new Placement(opened, joined, placed);
    }

    /** The human references of new cases, as in MI-2026-000123: the city's prefix, the year, a number of the sequence. */
    public static Iterator<String> references(String prefix, List<Long> numbers, Instant now) {
        int year = now.atZone(ZoneOffset.UTC).getYear();
        return numbers.stream().map(n -> "%s-%d-%06d".formatted(prefix, year, n)).iterator();
    }
}
