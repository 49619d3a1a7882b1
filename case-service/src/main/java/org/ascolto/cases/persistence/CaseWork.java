package org.ascolto.cases.persistence;

import java.time.Instant;
import java.util.UUID;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.ascolto.cases.domain.CaseNotFoundException;
import org.ascolto.cases.domain.CaseStatus;
import org.ascolto.cases.domain.CitizenCase;
import org.hibernate.Session;

/**
 * What operators do to a case: each change, its status history and its case events commit together, and a case
 * changed meanwhile by someone else fails with an optimistic-lock conflict.
 */
@ApplicationScoped
public class CaseWork {

    private final EntityManager em;

    public CaseWork(EntityManager em) {
        this.em = em;
    }

    @Transactional
    public void changeStatus(UUID caseId, CaseStatus next, String operator) {
        change(caseId, c -> c.moveTo(next, operator, Instant.now()));
    }

    /** Gives the case to an operator; a new case becomes ASSIGNED. */
    @Transactional
    public void assign(UUID caseId, String assignee, String operator) {
        change(caseId, c -> c.assign(assignee, operator, Instant.now()));
    }

    @Transactional
    public void requeue(UUID caseId, String queue, String operator) {
        change(caseId, c -> c.requeue(queue, operator, Instant.now()));
    }

    @Transactional
    public void addNote(UUID caseId, String text, String operator) {
        change(caseId, c -> {
            CaseNote note = CaseNote.of(caseId, operator, text, Instant.now());
            em.persist(note);
            c.noted(note.id, operator, note.createdAt);
        });
    }

    private void change(UUID caseId, Consumer<CitizenCase> change) {
        CitizenCase found = em.find(CitizenCase.class, caseId);
        if (found == null) {
            throw new CaseNotFoundException(caseId);
        }
        change.accept(found);
        em.flush();
        em.unwrap(Session.class).doWork(connection -> {
            CaseRows.insertStatusChanges(connection, found.takeSteps());
            CaseRows.insertEvents(connection, found.takeEvents());
        });
    }
}
