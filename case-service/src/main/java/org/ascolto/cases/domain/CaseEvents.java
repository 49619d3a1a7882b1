package org.ascolto.cases.domain;

import java.time.Instant;
import java.util.UUID;

import org.ascolto.contracts.CaseEvent;

/**
 * Builds every case event, numbered after the case's previous one: what subscribers learn of a change. An event
 * carries the case's state after the change and what changed, never message or note text nor contact details.
 */
public final class CaseEvents {

    private CaseEvents() {
    }

    public static CaseEvent opened(CitizenCase c, UUID contactId, String channel, Instant at) {
        return next(c, CaseEvent.OPENED, new CaseEvent.Change(null, null, contactId, channel, null, null), at);
    }

    public static CaseEvent contactAdded(CitizenCase c, UUID contactId, String channel, Instant at) {
        return next(c, CaseEvent.CONTACT_ADDED, new CaseEvent.Change(null, null, contactId, channel, null, null), at);
    }

    public static CaseEvent contactUpdated(CitizenCase c, UUID contactId, String channel, Instant at) {
        return next(c, CaseEvent.CONTACT_UPDATED, new CaseEvent.Change(null, null, contactId, channel, null, null), at);
    }

    /** A status change; closing and reopening a resolved case have types of their own. */
    public static CaseEvent statusChanged(CitizenCase c, StatusChange step) {
        String type = step.to() == CaseStatus.CLOSED ? CaseEvent.CLOSED
                : step.from() == CaseStatus.RESOLVED ? CaseEvent.REOPENED
                : CaseEvent.STATUS_CHANGED;
        return next(c, type, new CaseEvent.Change(step.from().name(), step.to().name(), null, null, null, step.actor()), step.at());
    }

    /** A new assignee or queue is one event type for subscribers: who works the case changed. */
    public static CaseEvent reassigned(CitizenCase c, String actor, Instant at) {
        return next(c, CaseEvent.ASSIGNED, new CaseEvent.Change(null, null, null, null, null, actor), at);
    }

    public static CaseEvent noteAdded(CitizenCase c, UUID noteId, String actor, Instant at) {
        return next(c, CaseEvent.NOTE_ADDED, new CaseEvent.Change(null, null, null, null, noteId, actor), at);
    }

    /** An operator's reply, by its id and channel: its text stays in the case service and on the replies topic. */
    public static CaseEvent replyAdded(CitizenCase c, UUID replyId, String channel, String actor, Instant at) {
        return next(c, CaseEvent.REPLY_ADDED, new CaseEvent.Change(null, null, null, channel, null, actor, replyId, null, null, null, null), at);
    }

    /** What the reply's channel told of it: its id, channel, status and any error code, never its text. */
    public static CaseEvent replyStatus(CitizenCase c, UUID replyId, String channel, String status, Integer errorCode, Instant at) {
        return next(c, CaseEvent.REPLY_STATUS, new CaseEvent.Change(null, null, null, channel, null, null, replyId, status, errorCode, null, null),
                at);
    }

    /** An operator's correction of the category, named before and after; the state carries the queue it moved to. */
    public static CaseEvent categoryCorrected(CitizenCase c, String fromCategory, String actor, Instant at) {
        return next(c, CaseEvent.CATEGORY_CORRECTED,
                new CaseEvent.Change(null, null, null, null, null, actor, null, null, null, fromCategory, c.category), at);
    }

    private static CaseEvent next(CitizenCase c, String type, CaseEvent.Change change, Instant at) {
        c.eventSequence++;
        return new CaseEvent(UUID.randomUUID(), type, c.id, c.reference, c.eventSequence, at, state(c), change,
                CaseEvent.SCHEMA_VERSION);
    }

    private static CaseEvent.CaseState state(CitizenCase c) {
        return new CaseEvent.CaseState(c.status.name(), c.category, c.queue, c.priority.name(), c.assignee, c.firstChannel,
                c.openedAt, c.slaDueAt, c.contactCount);
    }
}
