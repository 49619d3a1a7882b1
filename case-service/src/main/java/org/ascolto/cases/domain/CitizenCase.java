package org.ascolto.cases.domain;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import org.ascolto.contracts.CaseEvent;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A citizen's request as operators work it; its contacts, notes and status changes form the timeline. */
@Entity
@Table(name = "cases")
public class CitizenCase extends PanacheEntityBase {

    @Id
    public UUID id;
    public String reference;
    @Column(name = "citizen_key")
    public String citizenKey;
    public String category;
    public String queue;
    @Enumerated(EnumType.STRING)
    public Priority priority;
    @Enumerated(EnumType.STRING)
    public CaseStatus status;
    public String assignee;
    @Column(name = "first_channel")
    public String firstChannel;
    @Column(name = "sla_due_at")
    public Instant slaDueAt;
    @Column(name = "opened_at")
    public Instant openedAt;
    @Column(name = "updated_at")
    public Instant updatedAt;
    @Column(name = "resolved_at")
    public Instant resolvedAt;
    @Column(name = "contact_count")
    public int contactCount;
    /** Sequence number of the case's last event; subscribers see the events of a case in this order. */
    @Column(name = "event_sequence")
    public int eventSequence;
    @Version
    public long version;

    /** Moves to {@code next}, keeping the history and the case event, or throws when the lifecycle does not allow it. */
    public void moveTo(CaseStatus next, String actor, Instant at) {
        moveTo(next, actor, at, null);
    }

    /** As {@link #moveTo(CaseStatus, String, Instant)}, the event continuing the trace of the contact that caused the move. */
    public void moveTo(CaseStatus next, String actor, Instant at, String traceparent) {
        CaseStatus from = status;
        if (!from.canMoveTo(next)) {
            throw new IllegalTransitionException(from, next);
        }
        status = next;
        resolvedAt = next == CaseStatus.RESOLVED ? at : resolvedAt;
        updatedAt = at;
        CaseStatusChange change = new CaseStatusChange();
        change.id = UUID.randomUUID();
        change.caseId = id;
        change.fromStatus = from;
        change.toStatus = next;
        change.actor = actor;
        change.changedAt = at;
        change.persist();
        CaseEventOutbox.entry(this, CaseEventOutbox.statusType(from, next), CaseEventOutbox.status(from, next, actor), at, traceparent)
                .persist();
    }

    public CaseEvent.CaseState state() {
        return new CaseEvent.CaseState(status.name(), category, queue, priority.name(), assignee, firstChannel,
                openedAt, slaDueAt, contactCount);
    }
}
