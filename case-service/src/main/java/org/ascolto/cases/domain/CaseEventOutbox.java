package org.ascolto.cases.domain;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

import org.ascolto.contracts.CaseEvent;
import org.ascolto.contracts.EventJson;

/** Writes case events into the outbox, in the transaction of the change they describe. */
public final class CaseEventOutbox {

    private CaseEventOutbox() {
    }

    /** Records one event of an operator's change to the case, numbered after the case's previous event. */
    public static void record(CitizenCase changed, String type, CaseEvent.Change change, Instant at) {
        entry(changed, type, change, at, null).persist();
    }

    /**
     * The outbox row of the event, for the caller to write in the same transaction; {@code traceparent} continues
     * the trace of the contact that caused it, null when none did.
     */
    public static OutboxEntry entry(CitizenCase changed, String type, CaseEvent.Change change, Instant at, String traceparent) {
        changed.eventSequence++;
        CaseEvent event = new CaseEvent(UUID.randomUUID(), type, changed.id, changed.reference, changed.eventSequence,
                at, changed.state(), change, CaseEvent.SCHEMA_VERSION);
        OutboxEntry entry = new OutboxEntry();
        entry.id = event.eventId();
        entry.caseId = changed.id;
        entry.type = type;
        entry.occurredAt = at;
        entry.payload = new String(EventJson.write(event), StandardCharsets.UTF_8);
        entry.traceparent = traceparent;
        return entry;
    }

    public static CaseEvent.Change contact(UUID contactId, String channel) {
        return new CaseEvent.Change(null, null, contactId, channel, null, null);
    }

    public static CaseEvent.Change status(CaseStatus from, CaseStatus to, String actor) {
        return new CaseEvent.Change(from.name(), to.name(), null, null, null, actor);
    }

    /** The event type of a status change: closing and reopening have their own. */
    public static String statusType(CaseStatus from, CaseStatus to) {
        if (to == CaseStatus.CLOSED) {
            return CaseEvent.CLOSED;
        }
        return from == CaseStatus.RESOLVED ? CaseEvent.REOPENED : CaseEvent.STATUS_CHANGED;
    }
}
