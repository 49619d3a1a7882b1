package org.ascolto.cases.api;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.ascolto.cases.domain.CaseContact;
import org.ascolto.cases.domain.CaseStatus;
import org.ascolto.cases.domain.CitizenCase;
import org.ascolto.cases.domain.Priority;

/** A case as the operator API shows it, with its timeline of contacts, oldest first. */
public record CaseView(
        UUID id,
        String reference,
        CaseStatus status,
        String category,
        String queue,
        Priority priority,
        String assignee,
        String citizenKey,
        String firstChannel,
        Instant openedAt,
        Instant updatedAt,
        Instant slaDueAt,
        List<ContactEntry> contacts) {

    public record ContactEntry(UUID contactId, String channel, Instant occurredAt, String subject, String text,
            String language, boolean urgent) {
    }

    public static CaseView of(CitizenCase c) {
        List<ContactEntry> timeline = CaseContact.<CaseContact>list("caseId = ?1 order by occurredAt", c.id).stream()
                .map(k -> new ContactEntry(k.contactId, k.channel, k.occurredAt, k.subject, k.text, k.language, k.urgent))
                .toList();
        return new CaseView(c.id, c.reference, c.status, c.category, c.queue, c.priority, c.assignee, c.citizenKey,
                c.firstChannel, c.openedAt, c.updatedAt, c.slaDueAt, timeline);
    }
}
