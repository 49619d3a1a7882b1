package org.ascolto.cases.persistence;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.ascolto.cases.domain.CaseFilter;
import org.ascolto.cases.domain.CaseStatus;
import org.ascolto.cases.domain.CitizenCase;
import org.ascolto.cases.domain.Priority;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

/** What operators read: a case, its timeline, the case of a contact, pages of cases by filter; a citizen's cases. */
@ApplicationScoped
public class CaseQueries implements PanacheRepositoryBase<CitizenCase, UUID> {

    /** A case's contacts, notes, status changes and replies, each oldest first. */
    public record Timeline(List<CaseContact> contacts, List<CaseNote> notes, List<CaseStatusChange> statusChanges,
            List<CaseReply> replies) {
    }

    public Timeline timeline(UUID caseId) {
        var em = getEntityManager();
        return new Timeline(
                em.createQuery("from CaseContact where caseId = ?1 order by occurredAt, receivedAt", CaseContact.class)
                        .setParameter(1, caseId).getResultList(),
                em.createQuery("from CaseNote where caseId = ?1 order by createdAt", CaseNote.class)
                        .setParameter(1, caseId).getResultList(),
                em.createQuery("from CaseStatusChange where caseId = ?1 order by changedAt", CaseStatusChange.class)
                        .setParameter(1, caseId).getResultList(),
                em.createQuery("from CaseReply where caseId = ?1 order by createdAt", CaseReply.class)
                        .setParameter(1, caseId).getResultList());
    }

    /** The case that holds a contact, once the contact is stored. */
    public Optional<CitizenCase> caseOfContact(UUID contactId) {
        return Optional.ofNullable(getEntityManager().find(CaseContact.class, contactId)).map(contact -> findById(contact.caseId));
    }

    /** Every case of these citizens, oldest first. */
    public List<CitizenCase> ofCitizens(Collection<String> citizenKeys) {
        return citizenKeys.isEmpty() ? List.of() : list("citizenKey in ?1 order by openedAt, id", citizenKeys);
    }

    /** The page of cases the filter asks for, newest first; {@code now} decides what is overdue. */
    public CaseFilter.Page search(CaseFilter filter, Instant now) {
        List<String> where = new ArrayList<>();
        Map<String, Object> params = new HashMap<>();
        if (!filter.statuses().isEmpty()) {
            where.add("c.status in :statuses");
            params.put("statuses", filter.statuses());
        }
        if (filter.category() != null) {
            where.add("c.category = :category");
            params.put("category", filter.category());
        }
        if (filter.queue() != null) {
            where.add("c.queue = :queue");
            params.put("queue", filter.queue());
        }
        if (!filter.visibleQueues().isEmpty()) {
            where.add("c.queue in :visible");
            params.put("visible", filter.visibleQueues());
        }
        if (filter.channel() != null) {
            where.add("exists (select 1 from CaseContact k where k.caseId = c.id and k.channel = :channel)");
            params.put("channel", filter.channel());
        }
        if (filter.urgent() != null) {
            where.add("c.priority = :priority");
            params.put("priority", filter.urgent() ? Priority.URGENT : Priority.NORMAL);
        }
        if (filter.openedFrom() != null) {
            where.add("c.openedAt >= :from");
            params.put("from", filter.openedFrom());
        }
        if (filter.openedTo() != null) {
            where.add("c.openedAt < :to");
            params.put("to", filter.openedTo());
        }
        if (filter.overdue()) {
            where.add("c.slaDueAt < :now and c.status in :working");
            params.put("now", now);
            params.put("working", CaseStatus.OPEN);
        }
        if (filter.after() != null) {
            where.add("(c.openedAt < :afterOpened or (c.openedAt = :afterOpened and c.id < :afterId))");
            params.put("afterOpened", filter.after().openedAt());
            params.put("afterId", filter.after().id());
        }
        String query = "from CitizenCase c" + (where.isEmpty() ? "" : " where " + String.join(" and ", where))
                + " order by c.openedAt desc, c.id desc";
        return CaseFilter.Page.of(find(query, params).range(0, filter.limit()).list(), filter.limit());
    }
}
