package org.ascolto.cases.domain;

import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.NotFoundException;

import org.ascolto.contracts.CaseEvent;

/** What operators do to a case; each change and its case event commit together. */
@ApplicationScoped
public class CaseWork {

    @Transactional
    public CitizenCase changeStatus(UUID caseId, CaseStatus next, String operator) {
        CitizenCase found = find(caseId);
        found.moveTo(next, operator, Instant.now());
        return found;
    }

    /** Gives the case to an operator; a new case becomes ASSIGNED. */
    @Transactional
    public CitizenCase assign(UUID caseId, String assignee, String operator) {
        CitizenCase found = find(caseId);
        Instant now = Instant.now();
        found.assignee = assignee;
        recordReassignment(found, operator, now);
        if (found.status == CaseStatus.NEW) {
            found.moveTo(CaseStatus.ASSIGNED, operator, now);
        }
        return found;
    }

    @Transactional
    public CitizenCase requeue(UUID caseId, String queue, String operator) {
        CitizenCase found = find(caseId);
        Instant now = Instant.now();
        found.queue = queue;
        recordReassignment(found, operator, now);
        return found;
    }

    /** A new assignee or queue is one event type for subscribers: who works the case changed. */
    private static void recordReassignment(CitizenCase found, String operator, Instant now) {
        found.updatedAt = now;
        CaseEventOutbox.record(found, CaseEvent.ASSIGNED, actor(operator), now);
    }

    @Transactional
    public CaseNote addNote(UUID caseId, String text, String operator) {
        CitizenCase found = find(caseId);
        Instant now = Instant.now();
        CaseNote note = new CaseNote();
        note.id = UUID.randomUUID();
        note.caseId = caseId;
        note.author = operator;
        note.text = text;
        note.createdAt = now;
        note.persist();
        found.updatedAt = now;
        CaseEventOutbox.record(found, CaseEvent.NOTE_ADDED, new CaseEvent.Change(null, null, null, null, note.id, operator), now);
        return note;
    }

    private static CitizenCase find(UUID caseId) {
        CitizenCase found = CitizenCase.findById(caseId);
        if (found == null) {
            throw new NotFoundException("No case " + caseId);
        }
        return found;
    }

    private static CaseEvent.Change actor(String operator) {
        return new CaseEvent.Change(null, null, null, null, null, operator);
    }
}
