package org.ascolto.cases.persistence;

import java.sql.PreparedStatement;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import org.ascolto.cases.domain.CitizenCase;
import org.ascolto.contracts.ReplyStatus;
import org.hibernate.Session;

/**
 * The statuses of operators' replies, as their channels tell them: each joins its reply's history once, with a case event,
 * under a lock of the case row so that it numbers its event after whatever changed the case meanwhile.
 */
@ApplicationScoped
public class ReplyStatuses {

    /** What became of a status record. */
    public enum Outcome {
        RECORDED,
        /** The reply already had this status: a repeated receipt or a redelivered record. */
        DUPLICATE,
        /** No reply of that case has this id (one of another installation, or a made-up record). */
        UNKNOWN_REPLY
    }

    private final EntityManager em;

    public ReplyStatuses(EntityManager em) {
        this.em = em;
    }

    /**
     * Records a polled batch of statuses in one transaction, in their order, with one commit for the lot. The cases
     * they name are locked first, in id order, as a bulk assignment locks its cases, so that the two wait for each
     * other rather than deadlock.
     */
    @Transactional
    public List<Outcome> recordAll(List<ReplyStatus> statuses) {
        statuses.stream().map(ReplyStatus::caseId).distinct().sorted()
                .forEach(caseId -> em.find(CitizenCase.class, caseId, LockModeType.PESSIMISTIC_WRITE));
        return statuses.stream().map(this::record).toList();
    }

    private Outcome record(ReplyStatus status) {
        CaseReply reply = em.find(CaseReply.class, status.replyId());
        if (reply == null || !reply.caseId.equals(status.caseId())) {
            return Outcome.UNKNOWN_REPLY;
        }
        CitizenCase theCase = em.find(CitizenCase.class, reply.caseId, LockModeType.PESSIMISTIC_WRITE);
        int inserted = em.unwrap(Session.class).doReturningWork(connection -> {
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO case_reply_statuses"
                    + " (reply_id, status, occurred_at, error_code, recorded_at) VALUES (?, ?, ?, ?, now())"
                    + " ON CONFLICT (reply_id, status) DO NOTHING")) {
                insert.setObject(1, status.replyId());
                insert.setString(2, status.status());
                insert.setObject(3, CaseRows.timestamp(status.occurredAt()));
                insert.setObject(4, status.errorCode());
                return insert.executeUpdate();
            }
        });
        if (inserted == 0) {
            return Outcome.DUPLICATE;
        }
        theCase.replyStatus(status.replyId(), reply.channel, status.status(), status.errorCode(), status.occurredAt());
        em.flush();
        em.unwrap(Session.class).doWork(connection -> CaseRows.insertEvents(connection, theCase.takeEvents()));
        return Outcome.RECORDED;
    }
}
