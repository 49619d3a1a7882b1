package org.ascolto.open311.domain;

import java.time.Instant;
import java.util.UUID;

/**
 * A case as Open311 shows it to anyone: its reference, status, area, office and times, never what the citizen wrote
 * or who they are. Kept up to date from the case events.
 */
public record ServiceRequest(UUID caseId, String reference, String status, String category, String queue, Instant openedAt,
        Instant updatedAt, Instant slaDueAt, int sequence) {

    /** Open311's status: a case is {@code closed} once resolved. */
    public String open311Status() {
        return status.equals("RESOLVED") || status.equals("CLOSED") ? "closed" : "open";
    }

    public String statusNotes() {
        return switch (status) {
            case "NEW" -> "Received";
            case "ASSIGNED" -> "Assigned to an operator";
            case "IN_PROGRESS" -> "In progress";
            case "WAITING_CITIZEN" -> "Waiting for information from the citizen";
            case "RESOLVED" -> "Resolved";
            case "CLOSED" -> "Closed";
            default -> null;
        };
    }
}
