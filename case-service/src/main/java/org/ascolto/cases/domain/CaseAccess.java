package org.ascolto.cases.domain;

import java.util.Set;

/**
 * Who works cases, and which: an operator works the cases of their queues, a supervisor every case and is the only
 * one who gives a case to someone else. The name is what changes, notes and case events are recorded under.
 */
public record CaseAccess(String name, boolean supervisor, Set<String> queues) {

    public CaseAccess {
        queues = Set.copyOf(queues);
    }

    public boolean canWork(CitizenCase c) {
        return works(c.queue);
    }

    /** Whether the caller works this queue: a supervisor works every queue. */
    public boolean works(String queue) {
        return supervisor || queues.contains(queue);
    }

    public void checkQueue(String queue) {
        if (!works(queue)) {
            throw new CaseAccessDeniedException("Queue " + queue + " is not one of yours");
        }
    }

    /** The queues a list of cases may show; empty for a supervisor, who sees every queue. */
    public Set<String> visibleQueues() {
        return supervisor ? Set.of() : queues;
    }

    /** Throws unless this caller works the case. */
    public void check(CitizenCase c) {
        if (!canWork(c)) {
            throw new CaseAccessDeniedException("Case " + c.reference + " is in queue " + c.queue + ", which is not one of yours");
        }
    }
}
