package org.ascolto.cases.domain;

import java.time.Instant;
import java.util.UUID;

/** One step of a case's status history, by an operator or by the citizen's new contact. */
public record StatusChange(UUID id, UUID caseId, CaseStatus from, CaseStatus to, String actor, Instant at) {
}
