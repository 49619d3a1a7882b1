package org.ascolto.cases.api;

import java.util.UUID;

import org.ascolto.contracts.CaseEvent;

/** A change of a case as the console's live view receives it: what changed and the case after it, never text. */
public record CaseChange(UUID caseId, String reference, String type, String status, String queue, String assignee, String actor) {

    static CaseChange of(CaseEvent event) {
        return new CaseChange(event.caseId(), event.reference(), event.type(), event.state().status(), event.state().queue(),
                event.state().assignee(), event.change() == null ? null : event.change().actor());
    }
}
