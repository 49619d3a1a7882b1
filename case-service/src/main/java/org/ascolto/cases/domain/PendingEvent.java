package org.ascolto.cases.domain;

import org.ascolto.contracts.CaseEvent;

/**
 * A case event not yet in the outbox, with the W3C {@code traceparent} of the contact that caused it (null for an
 * operator's change), so that the event continues the contact's trace.
 */
public record PendingEvent(CaseEvent event, String traceparent) {
}
