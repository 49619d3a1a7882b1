package org.ascolto.cases.api;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.ascolto.cases.domain.CaseStatus;
import org.ascolto.cases.domain.CitizenCase;
import org.ascolto.cases.domain.Priority;
import org.ascolto.cases.persistence.CaseContact;
import org.ascolto.cases.persistence.CaseQueries;
import org.ascolto.contracts.CitizenContact;
import org.ascolto.contracts.RoutedContact;
import org.ascolto.contracts.RoutingDecision;

/**
 * A case as the operator API shows it, with the statuses it may move to; {@link #of} adds its timeline: contacts, notes,
 * status changes and replies, oldest first.
 */
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
        int contactCount,
        Instant openedAt,
        Instant updatedAt,
        Instant resolvedAt,
        Instant slaDueAt,
        Set<CaseStatus> nextStatuses,
        List<ContactEntry> contacts,
        List<NoteEntry> notes,
        List<StatusEntry> statusChanges,
        List<ReplyEntry> replies) {

    /** A contact as the citizen sent it, with the routing service's decision for it and its reasons. */
    public record ContactEntry(UUID contactId, String channel, Instant occurredAt, String subject, String text,
            String language, boolean urgent, Instant updatedAt, CitizenContact.Location location,
            List<CitizenContact.Attachment> attachments, RoutingDecision routing) {

        static ContactEntry of(CaseContact stored) {
            RoutedContact routed = stored.routedContact();
            return new ContactEntry(stored.contactId, stored.channel, stored.occurredAt, stored.subject, stored.text,
                    stored.language, stored.urgent, stored.updatedAt, routed.contact().location(), routed.contact().attachments(),
                    routed.routing());
        }
    }

    public record NoteEntry(UUID id, String author, String text, Instant createdAt) {
    }

    /**
     * A reply with what its channel told of it: {@code status} is the furthest it reached (sent, delivered, read, or
     * failed), none while the channel has said nothing yet; {@code statuses} the history, in that order. A
     * {@code callback} is a task for the contact center to call the citizen back (their latest contact was a call). A
     * {@code notice} (opened, waiting-citizen, resolved) is one Ascolto sent by itself, by author {@code ascolto}.
     */
    public record ReplyEntry(UUID id, String channel, UUID inReplyTo, String author, String text, Instant createdAt,
            boolean callback, String notice, String status, List<ReplyStatusEntry> statuses) {
    }

    /** One status of a reply; a failure has the provider's error code (WhatsApp 131047: the 24-hour window had closed). */
    public record ReplyStatusEntry(String status, Instant at, Integer errorCode) {
    }

    public record StatusEntry(CaseStatus from, CaseStatus to, String actor, Instant changedAt) {
    }

    /** The case without its timeline, as lists show it. */
    public static CaseView summary(CitizenCase c) {
        return view(c, null, null, null, null);
    }

    public static CaseView of(CitizenCase c, CaseQueries.Timeline timeline) {
        List<ContactEntry> contacts = timeline.contacts().stream().map(ContactEntry::of).toList();
        List<NoteEntry> notes = timeline.notes().stream()
                .map(n -> new NoteEntry(n.id, n.author, n.text, n.createdAt))
                .toList();
        List<StatusEntry> changes = timeline.statusChanges().stream()
                .map(s -> new StatusEntry(s.fromStatus, s.toStatus, s.actor, s.changedAt))
                .toList();
        Map<UUID, List<ReplyStatusEntry>> statuses = timeline.replyStatuses().stream().collect(Collectors.groupingBy(
                CaseQueries.ReplyStatusEntry::replyId,
                Collectors.mapping(s -> new ReplyStatusEntry(s.status(), s.occurredAt(), s.errorCode()), Collectors.toList())));
        List<ReplyEntry> replies = timeline.replies().stream()
                .map(r -> {
                    List<ReplyStatusEntry> history = statuses.getOrDefault(r.id, List.of());
                    return new ReplyEntry(r.id, r.channel, r.inReplyTo, r.author, r.text, r.createdAt, r.callback, r.notice,
                            history.isEmpty() ? null : history.get(history.size() - 1).status(), history);
                })
                .toList();
        return view(c, contacts, notes, changes, replies);
    }

    private static CaseView view(CitizenCase c, List<ContactEntry> contacts, List<NoteEntry> notes, List<StatusEntry> changes,
            List<ReplyEntry> replies) {
        return new CaseView(c.id, c.reference, c.status, c.category, c.queue, c.priority, c.assignee, c.citizenKey,
                c.firstChannel, c.contactCount, c.openedAt, c.updatedAt, c.resolvedAt, c.slaDueAt, c.status.next(), contacts, notes,
                changes, replies);
    }
}
