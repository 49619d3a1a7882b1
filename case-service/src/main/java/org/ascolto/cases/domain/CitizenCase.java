package org.ascolto.cases.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;
import jakarta.persistence.Version;

import org.ascolto.contracts.CaseEvent;
import org.ascolto.contracts.CitizenContact;
import org.ascolto.contracts.RoutingDecision;
import org.ascolto.support.taxonomy.Taxonomy;

/**
 * A citizen's request as operators work it; its contacts, notes and status changes form the timeline. Its methods
 * are the rules of a case's life and change only the case itself: the persistence package stores what they return.
 */
@Entity
@Table(name = "cases")
public class CitizenCase {

    /** Who moves a resolved case back to work when the citizen writes again. */
    public static final String CITIZEN = "citizen";

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

    /** The status steps and events of the changes since the case was last stored, in order. */
    @Transient
    private final List<StatusChange> steps = new ArrayList<>();
    @Transient
    private final List<PendingEvent> events = new ArrayList<>();

    /** A new case for the first contact of a citizen in a category; the event continues the contact's trace. */
    public static CitizenCase open(CitizenContact contact, RoutingDecision decision, String reference, String traceparent,
            Instant at) {
        CitizenCase opened = new CitizenCase();
        opened.id = UUID.randomUUID();
        opened.reference = reference;
        opened.citizenKey = contact.citizen().key();
        opened.category = decision.category();
        opened.queue = decision.queue();
        opened.priority = decision.urgent() ? Priority.URGENT : Priority.NORMAL;
        opened.status = CaseStatus.NEW;
        opened.firstChannel = contact.channel();
        opened.openedAt = at;
        opened.updatedAt = at;
        opened.slaDueAt = slaDue(at, decision);
        opened.contactCount = 1;
        opened.raise(CaseEvents.opened(opened, contact.contactId(), contact.channel(), at), traceparent);
        return opened;
    }

    /**
     * Another contact of the citizen joins: it reopens a resolved case, and an urgent one makes the case urgent, with
     * the urgent SLA from now.
     */
    public void join(CitizenContact contact, RoutingDecision decision, String traceparent, Instant at) {
        if (status == CaseStatus.RESOLVED) {
            moveTo(CaseStatus.IN_PROGRESS, CITIZEN, at, traceparent);
        }
        if (decision.urgent() && priority != Priority.URGENT) {
            priority = Priority.URGENT;
            slaDueAt = slaDue(at, decision);
        }
        contactCount++;
        updatedAt = at;
        raise(CaseEvents.contactAdded(this, contact.contactId(), contact.channel(), at), traceparent);
    }

    /**
     * A contact of the case changed on its channel (an updated call record): an urgent version makes the case urgent;
     * the case is not reopened, since the citizen did not write again.
     */
    public void revise(CitizenContact contact, RoutingDecision decision, String traceparent, Instant at) {
        if (decision.urgent() && priority != Priority.URGENT) {
            priority = Priority.URGENT;
            slaDueAt = slaDue(at, decision);
        }
        updatedAt = at;
        raise(CaseEvents.contactUpdated(this, contact.contactId(), contact.channel(), at), traceparent);
    }

    /** Moves to {@code next}, or throws when the lifecycle does not allow it. */
    public void moveTo(CaseStatus next, String actor, Instant at) {
        moveTo(next, actor, at, null);
    }

    /** Gives the case to an operator; a new case becomes ASSIGNED. */
    public void assign(String operator, String actor, Instant at) {
        assignee = operator;
        updatedAt = at;
        raise(CaseEvents.reassigned(this, actor, at), null);
        if (status == CaseStatus.NEW) {
            moveTo(CaseStatus.ASSIGNED, actor, at);
        }
    }

    /** Moves the case to another office's queue. */
    public void requeue(String newQueue, String actor, Instant at) {
        queue = newQueue;
        updatedAt = at;
        raise(CaseEvents.reassigned(this, actor, at), null);
    }

    /**
     * An operator corrects the category routing gave: the case goes to the new area's queue, and its SLA due time
     * becomes the new area's from when the case opened. A closed case is not corrected.
     */
    public void correctCategory(String newCategory, Taxonomy.Area area, String actor, Instant at) {
        if (status == CaseStatus.CLOSED) {
            throw new IllegalCorrectionException("Case " + reference + " is closed: its category is no longer corrected");
        }
        if (newCategory.equals(category)) {
            throw new IllegalCorrectionException("Case " + reference + " is already in category " + newCategory);
        }
        String fromCategory = category;
        category = newCategory;
        queue = area.queue();
        slaDueAt = openedAt.plus(Duration.ofHours(priority == Priority.URGENT ? area.urgentSlaHours() : area.slaHours()));
        updatedAt = at;
        raise(CaseEvents.categoryCorrected(this, fromCategory, actor, at), null);
    }

    /** An operator's note was added to the timeline. */
    public void noted(UUID noteId, String actor, Instant at) {
        updatedAt = at;
        raise(CaseEvents.noteAdded(this, noteId, actor, at), null);
    }

    /** An operator answered the citizen. */
    public void replied(UUID replyId, String channel, String actor, Instant at) {
        updatedAt = at;
        raise(CaseEvents.replyAdded(this, replyId, channel, actor, at), null);
    }

    /** A reply's channel told what became of it; the case itself did not change, so neither does {@code updatedAt}. */
    public void replyStatus(UUID replyId, String channel, String status, Integer errorCode, Instant at) {
        raise(CaseEvents.replyStatus(this, replyId, channel, status, errorCode, at), null);
    }

    /** The status steps since the case was last stored, forgotten by the case once taken. */
    public List<StatusChange> takeSteps() {
        List<StatusChange> taken = List.copyOf(steps);
        steps.clear();
        return taken;
    }

    /** The events since the case was last stored, forgotten by the case once taken. */
    public List<PendingEvent> takeEvents() {
        List<PendingEvent> taken = List.copyOf(events);
        events.clear();
        return taken;
    }

    private void moveTo(CaseStatus next, String actor, Instant at, String traceparent) {
        CaseStatus from = status;
        if (!from.canMoveTo(next)) {
            throw new IllegalTransitionException(from, next);
        }
        status = next;
        resolvedAt = next == CaseStatus.RESOLVED ? at : resolvedAt;
        updatedAt = at;
        StatusChange step = new StatusChange(UUID.randomUUID(), id, from, next, actor, at);
        steps.add(step);
        raise(CaseEvents.statusChanged(this, step), traceparent);
    }

    private void raise(CaseEvent event, String traceparent) {
        events.add(new PendingEvent(event, traceparent));
    }

    private static Instant slaDue(Instant from, RoutingDecision decision) {
        return decision.slaHours() == null ? null : from.plus(Duration.ofHours(decision.slaHours()));
    }
}
