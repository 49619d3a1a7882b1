package org.ascolto.cases.persistence;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import org.ascolto.cases.config.CaseConfig;
import org.ascolto.cases.domain.CaseAccess;
import org.ascolto.cases.domain.CaseAccessDeniedException;
import org.ascolto.cases.domain.CaseNotFoundException;
import org.ascolto.cases.domain.CaseStatus;
import org.ascolto.cases.domain.CitizenCase;
import org.ascolto.cases.domain.Notices;
import org.ascolto.cases.domain.Replies;
import org.ascolto.cases.domain.ReplyChannelException;
import org.ascolto.cases.domain.ReplyKeyReusedException;
import org.ascolto.contracts.Reply;
import org.ascolto.contracts.Topics;
import org.ascolto.support.taxonomy.Taxonomy;
import org.hibernate.Session;

/**
 * What operators do to a case, as the caller's access allows: each change, its status history and its case events commit
 * together, recorded under the caller's name, with the case row locked, so that changes made at once by several operators
 * or by a channel's reply status apply one after the other. Each change is in the audit log too.
 */
@ApplicationScoped
public class CaseWork {

    private final EntityManager em;
    private final CaseConfig config;
    private final CitizenNotices notices;

    public CaseWork(EntityManager em, CaseConfig config, CitizenNotices notices) {
        this.em = em;
        this.config = config;
        this.notices = notices;
    }

    /** Moves the case; reaching a status the citizen is told of (waiting for them, resolved) sends its notice with the change. */
    @Transactional
    public void changeStatus(UUID caseId, CaseStatus next, CaseAccess caller) {
        CitizenCase found = workable(caseId, caller);
        Instant at = Instant.now();
        found.moveTo(next, caller.name(), at);
        Optional<Reply> notice = Notices.kindOf(next).flatMap(kind -> notice(found, kind, at));
        store(found, caller, AuditLog.STATUS_CHANGED, "to " + next);
        notice.ifPresent(n -> em.unwrap(Session.class).doWork(connection -> CaseRows.insertNotices(connection, List.of(n))));
    }

    /**
     * Opts the case's citizen out of notices, or back in, by their citizen key, under the caller's name; answers whether
     * they are opted out now.
     */
    @Transactional
    public boolean setNoticesOptOut(UUID caseId, boolean optOut, CaseAccess caller) {
        CitizenCase found = workable(caseId, caller);
        if (PersonalData.REDACTED_KEY.equals(found.citizenKey)) {
            throw new ReplyChannelException(found.reference + ": the citizen's personal data was erased; there is no one to tell");
        }
        em.unwrap(Session.class).doWork(connection -> {
            CitizenNotices.optOut(connection, found.citizenKey, optOut, caller.name(), Instant.now());
            AuditLog.record(connection, caller.name(), AuditLog.NOTICES_SET, List.of(caseId), optOut ? "opted out" : "opted in");
        });
        return optOut;
    }

    /** Whether the case's citizen opted out of notices; a read of personal data, audited. */
    @Transactional
    public boolean noticesOptedOut(UUID caseId, CaseAccess caller) {
        CitizenCase found = accessible(caseId, caller, LockModeType.NONE);
        return em.unwrap(Session.class).doReturningWork(connection -> {
            AuditLog.record(connection, caller.name(), AuditLog.CASE_READ, List.of(caseId), "notices");
            return !CitizenNotices.optedOut(connection, List.of(found.citizenKey)).isEmpty();
        });
    }

    /** Gives the case to an operator (an operator takes it for themselves; a supervisor gives it to anyone); a new case becomes ASSIGNED. */
    @Transactional
    public void assign(UUID caseId, String assignee, CaseAccess caller) {
        if (!caller.supervisor() && !assignee.equals(caller.name())) {
            throw new CaseAccessDeniedException("Only a supervisor gives a case to someone else; an operator takes it for themselves");
        }
        change(caseId, caller, AuditLog.ASSIGNED, "to " + assignee, c -> c.assign(assignee, caller.name(), Instant.now()));
    }

    /**
     * A supervisor gives several cases to one operator: all of them, or none when one cannot be given. The cases are
     * locked in one order, so that two such requests over the same cases wait for each other instead of deadlocking.
     */
    @Transactional
    public void assignAll(List<UUID> caseIds, String assignee, CaseAccess caller) {
        caseIds.stream().sorted().forEach(id -> assign(id, assignee, caller));
    }

    /** Moves the case to another queue; a reason given is noted first, under the caller's name, in the same transaction. */
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
     * {@link Topics#REPLIES} commit together, so that the relay publishes every committed reply, and only those; on a
     * channel that takes no message (a call) it is a callback task on the case instead, published nowhere. A request
     * with the idempotency key of an earlier reply to the case is that reply (false: nothing new) if its text is the same.
     */
    @Transactional
    public boolean reply(UUID caseId, String text, String idempotencyKey, CaseAccess caller) {
        CitizenCase found = workable(caseId, caller);
        if (idempotencyKey != null) {
            List<CaseReply> earlier = em.createQuery("from CaseReply where caseId = ?1 and idempotencyKey = ?2", CaseReply.class)
                    .setParameter(1, caseId).setParameter(2, idempotencyKey).getResultList();
            if (!earlier.isEmpty()) {
                if (earlier.get(0).text.equals(text)) {
                    return false;
                }
                throw new ReplyKeyReusedException();
            }
        }
        CaseContact latest = newestContact(caseId);
        Set<String> answerable = new HashSet<>(config.replies().channels());
        answerable.addAll(config.replies().callbackChannels());
        Reply reply = Replies.to(found, latest.contact(), answerable, text, caller.name(), Instant.now());
        boolean callback = config.replies().callbackChannels().contains(reply.channel());
        em.persist(CaseReply.of(reply, callback, idempotencyKey));
        found.replied(reply.replyId(), reply.channel(), caller.name(), reply.createdAt());
        store(found, caller, AuditLog.REPLIED, (callback ? "callback on " : "on ") + reply.channel());
        if (!callback) {
            em.unwrap(Session.class).doWork(connection -> CaseRows.insertReplies(connection, List.of(reply)));
        }
        return true;
    }

    /**
     * Corrects the category routing gave: the case moves to the area's queue, and the correction is recorded as a
     * labelled example for the routing model, in the same transaction.
     */
    @Transactional
    public void correctCategory(UUID caseId, String category, Taxonomy.Area area, CaseAccess caller) {
        CitizenCase found = workable(caseId, caller);
        String fromCategory = found.category;
        Instant at = Instant.now();
        found.correctCategory(category, area, caller.name(), at);
        store(found, caller, AuditLog.CATEGORY_CORRECTED, "from " + fromCategory + " to " + category);
        em.unwrap(Session.class).doWork(connection -> CategoryCorrections.insert(connection, caseId, fromCategory, category,
                caller.name(), at));
    }

    private Optional<Reply> notice(CitizenCase c, String kind, Instant at) {
        CaseContact newest = newestContact(c.id);
        return em.unwrap(Session.class).doReturningWork(connection -> notices.notice(connection, c, newest, kind, at));
    }

    /** The contact the citizen sent last: its channel is where they are answered. */
    private CaseContact newestContact(UUID caseId) {
        return em.createQuery("from CaseContact where caseId = ?1 order by occurredAt desc, receivedAt desc", CaseContact.class)
                .setParameter(1, caseId).setMaxResults(1).getSingleResult();
    }

    private void change(UUID caseId, CaseAccess caller, String action, String detail, Consumer<CitizenCase> change) {
        CitizenCase found = workable(caseId, caller);
        change.accept(found);
        store(found, caller, action, detail);
    }

    /**
     * The case, locked until the caller's transaction ends: two operators, or an operator and a channel's reply status,
     * change it one after the other instead of one of them being refused because the other changed it meanwhile.
     */
    private CitizenCase workable(UUID caseId, CaseAccess caller) {
        return accessible(caseId, caller, LockModeType.PESSIMISTIC_WRITE);
    }

    private CitizenCase accessible(UUID caseId, CaseAccess caller, LockModeType lock) {
        CitizenCase found = em.find(CitizenCase.class, caseId, lock);
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
