package org.ascolto.contracts;

import java.time.Instant;
import java.util.UUID;

/**
 * One change of one case, for the city systems that follow cases: the value of {@link Topics#CASE_EVENTS},
 * keyed by case id. It carries the case state after the change and what changed, never message or note
 * text nor contact details. Schema: {@code schemas/case-event.v1.json}.
 */
public record CaseEvent(
        UUID eventId,
        String type,
        UUID caseId,
        String reference,
        int sequence,
        Instant occurredAt,
        CaseState state,
        Change change,
        int schemaVersion) {

    public static final int SCHEMA_VERSION = 1;
    /** CloudEvents source of every case event. */
    public static final String SOURCE = "/ascolto/case-service";

    public static final String OPENED = "crm.case.opened.v1";
    public static final String CONTACT_ADDED = "crm.case.contact-added.v1";
    /** A contact of the case changed on its channel (an updated call record): its content is the newer one now. */
    public static final String CONTACT_UPDATED = "crm.case.contact-updated.v1";
    public static final String STATUS_CHANGED = "crm.case.status-changed.v1";
    /** The assignee or the queue changed. */
    public static final String ASSIGNED = "crm.case.assigned.v1";
    public static final String NOTE_ADDED = "crm.case.note-added.v1";
    /**
     * An operator answered the citizen; the reply goes out on {@link Topics#REPLIES}, its text never here. On channel
     * {@code phone} it is a callback task for the contact center instead, sent nowhere.
     */
    public static final String REPLY_ADDED = "crm.case.reply-added.v1";
    /** A reply's channel told what became of it (sent, delivered, read, failed): the reply id and status, never its text. */
    public static final String REPLY_STATUS = "crm.case.reply-status.v1";
    /** An operator corrected the case's category (and so its queue): a labelled example for the routing model. */
    public static final String CATEGORY_CORRECTED = "crm.case.category-corrected.v1";
    public static final String CLOSED = "crm.case.closed.v1";
    /** A resolved case is open again: a new contact of the citizen, or an operator's decision. */
    public static final String REOPENED = "crm.case.reopened.v1";

    /** The case after the change. */
    public record CaseState(String status, String category, String queue, String priority, String assignee,
            String firstChannel, Instant openedAt, Instant slaDueAt, int contactCount) {
    }

    /** What the change was; only the fields that apply to its type are present. */
    public record Change(String fromStatus, String toStatus, UUID contactId, String channel, UUID noteId, String actor,
            UUID replyId, String replyStatus, Integer errorCode, String fromCategory, String toCategory) {

        /** A change that concerns no reply and no category. */
        public Change(String fromStatus, String toStatus, UUID contactId, String channel, UUID noteId, String actor) {
            this(fromStatus, toStatus, contactId, channel, noteId, actor, null, null, null, null, null);
        }
    }
}
