package org.ascolto.cases.persistence;

import java.time.Instant;
import java.util.UUID;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.ascolto.cases.domain.CaseAccess;
import org.ascolto.cases.domain.CaseAccessDeniedException;
import org.ascolto.cases.domain.CaseNotFoundException;
import org.ascolto.cases.domain.CaseStatus;
import org.ascolto.cases.domain.CitizenCase;
import org.hibernate.Session;

/**
 * What operators do to a case, as the caller's access allows: each change, its status history and its case events commit
 * together, recorded under the caller's name, and a case changed meanwhile by someone else fails with an optimistic-lock
 * conflict.
 */
@ApplicationScoped
public class CaseWork {

    private final EntityManager em;

    public CaseWork(EntityManager em) {
        this.em = em;
    }

    @Transactional
    public void changeStatus(UUID caseId, CaseStatus next, CaseAccess caller) {
        change(caseId, caller, c -> c.moveTo(next, caller.name(), Instant.now()));
    }

    /** Gives the case to an operator (an operator takes it for themselves; a supervisor gives it to anyone); a new case becomes ASSIGNED. */
    @Transactional
    public void assign(UUID caseId, String assignee, CaseAccess caller) {
        if (!caller.supervisor() && !assignee.equals(caller.name())) {
            throw new CaseAccessDeniedException("Only a supervisor gives a case to someone else; an operator takes it for themselves");
        }
        change(caseId, caller, c -> c.assign(assignee, caller.name(), Instant.now()));
    }

    /** Moves the case to another queue; a reason given is noted first, under the caller's name, in the same transaction. */
    @Transactional
    public void requeue(UUID caseId, String queue, String reason, CaseAccess caller) {
        change(caseId, caller, c -> {
            if (reason != null && !reason.isBlank()) {
                note(c, reason, caller);
            }
            c.requeue(queue, caller.name(), Instant.now());
        });
    }

    @Transactional
    public void addNote(UUID caseId, String text, CaseAccess caller) {
        change(caseId, caller, c -> note(c, text, caller));
    }

    private void note(CitizenCase c, String text, CaseAccess caller) {
        CaseNote note = CaseNote.of(c.id, caller.name(), text, Instant.now());
        em.persist(note);
        c.noted(note.id, caller.name(), note.createdAt);
    }

    private void change(UUID caseId, CaseAccess caller, Consumer<CitizenCase> change) {
        CitizenCase found = em.find(CitizenCase.class, caseId);
        if (found == null) {
            throw new CaseNotFoundException(caseId);
        }
        caller.check(found);
        change.accept(found);
        em.flush();
        em.unwrap(Session.class).doWork(connection -> {
            CaseRows.insertStatusChanges(connection, found.takeSteps());
            CaseRows.insertEvents(connection, found.takeEvents());
        });
    }
}
