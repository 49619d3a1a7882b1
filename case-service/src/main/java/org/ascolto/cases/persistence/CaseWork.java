package org.ascolto.cases.persistence;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.ascolto.cases.config.CaseConfig;
import org.ascolto.cases.domain.CaseAccess;
import org.ascolto.cases.domain.CaseAccessDeniedException;
import org.ascolto.cases.domain.CaseNotFoundException;
import org.ascolto.cases.domain.CaseStatus;
import org.ascolto.cases.domain.CitizenCase;
import org.ascolto.cases.domain.Replies;
import org.ascolto.contracts.Reply;
import org.ascolto.contracts.Topics;
import org.hibernate.Session;

/**
 * What operators do to a case, as the caller's access allows: each change, its status history and its case events commit
 * together, recorded under the caller's name, and a case changed meanwhile by someone else fails with an optimistic-lock
 * conflict. Each change is in the audit log too.
 */
@ApplicationScoped
public class CaseWork {

    private final EntityManager em;
    private final CaseConfig config;

    public CaseWork(EntityManager em, CaseConfig config) {
        this.em = em;
        this.config = config;
    }

    @Transactional
    public void changeStatus(UUID caseId, CaseStatus next, CaseAccess caller) {
        change(caseId, caller, AuditLog.STATUS_CHANGED, "to " + next, c -> c.moveTo(next, caller.name(), Instant.now()));
    }

    /** Gives the case to an operator (an operator takes it for themselves; a supervisor gives it to anyone); a new case becomes ASSIGNED. */
    @Transactional
    public void assign(UUID caseId, String assignee, CaseAccess caller) {
        if (!caller.supervisor() && !assignee.equals(caller.name())) {
            throw new CaseAccessDeniedException("Only a supervisor gives a case to someone else; an operator takes it for themselves");
        }
        change(caseId, caller, AuditLog.ASSIGNED, "to " + assignee, c -> c.assign(assignee, caller.name(), Instant.now()));
    }

    /** Moves the case to another queue; a reason given is noted first, under the caller's name, in the same transaction. */
    /** A supervisor gives several cases to one operator: all of them, or none when one cannot be given. */
    @Transactional
    public void assignAll(List<UUID> caseIds, String assignee, CaseAccess caller) {
        caseIds.forEach(id -> assign(id, assignee, caller));
    }

    @Transactional
    public void requeue(UUID caseId, String queue, String reason, CaseAccess caller) {
        change(caseId, caller, AuditLog.REQUEUED, "to " + queue, c -> {
            if (reason != null && !reason.isBlank()) {
                note(c, reason, caller);
            }
            c.requeue(queue, caller.name(), Instant.now());
        });
    }

    @Transactional
    public void addNote(UUID caseId, String text, CaseAccess caller) {
        change(caseId, caller, AuditLog.NOTE_ADDED, null, c -> note(c, text, caller));
    }

    private void note(CitizenCase c, String text, CaseAccess caller) {
        CaseNote note = CaseNote.of(c.id, caller.name(), text, Instant.now());
        em.persist(note);
        c.noted(note.id, caller.name(), note.createdAt);
    }

    /**
     * Answers the citizen on the channel of their latest contact: the reply, its case event and its record for
     * {@link Topics#REPLIES} commit together, so that the relay publishes every committed reply, and only those.
     */
    @Transactional
    public void reply(UUID caseId, String text, CaseAccess caller) {
        CitizenCase found = workable(caseId, caller);
        CaseContact latest = em.createQuery("from CaseContact where caseId = ?1 order by occurredAt desc, receivedAt desc",
                CaseContact.class).setParameter(1, caseId).setMaxResults(1).getSingleResult();
        Reply reply = Replies.to(found, latest.contact(), config.replies().channels(), text, caller.name(), Instant.now());
        em.persist(CaseReply.of(reply));
        found.replied(reply.replyId(), reply.channel(), caller.name(), reply.createdAt());
        store(found, caller, AuditLog.REPLIED, "on " + reply.channel());
        em.unwrap(Session.class).doWork(connection -> CaseRows.insertReply(connection, reply));
    }

    private void change(UUID caseId, CaseAccess caller, String action, String detail, Consumer<CitizenCase> change) {
        CitizenCase found = workable(caseId, caller);
        change.accept(found);
        store(found, caller, action, detail);
    }

    private CitizenCase workable(UUID caseId, CaseAccess caller) {
        CitizenCase found = em.find(CitizenCase.class, caseId);
        if (found == null) {
            throw new CaseNotFoundException(caseId);
        }
        caller.check(found);
        return found;
    }

    /** Writes the case, then the status history, case events and audit entry of its change, in the caller's transaction. */
    private void store(CitizenCase changed, CaseAccess caller, String action, String detail) {
        em.flush();
        em.unwrap(Session.class).doWork(connection -> {
            CaseRows.insertStatusChanges(connection, changed.takeSteps());
            CaseRows.insertEvents(connection, changed.takeEvents());
            AuditLog.record(connection, caller.name(), action, List.of(changed.id), detail);
        });
    }
}
