package org.ascolto.cases.persistence;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import org.ascolto.cases.domain.CaseFilter;
import org.ascolto.cases.domain.CaseStatus;
import org.ascolto.cases.domain.CitizenCase;
import org.ascolto.cases.domain.OperatorLoad;
import org.ascolto.cases.domain.Priority;
import org.ascolto.cases.domain.QueueLoad;
import org.ascolto.contracts.ReplyStatus;
import org.hibernate.Session;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

/** What operators read: a case, its timeline, the case of a contact, pages of cases by filter; a citizen's cases. */
@ApplicationScoped
public class CaseQueries implements PanacheRepositoryBase<CitizenCase, UUID> {

    /** A case's contacts, notes, status changes and replies, each oldest first, and its replies' statuses. */
    public record Timeline(List<CaseContact> contacts, List<CaseNote> notes, List<CaseStatusChange> statusChanges,
            List<CaseReply> replies, List<ReplyStatusEntry> replyStatuses) {
    }

    /** One status in a reply's history, as its channel told it. */
    public record ReplyStatusEntry(UUID replyId, String status, Instant occurredAt, Integer errorCode) {
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
                        .setParameter(1, caseId).getResultList(),
                replyStatuses(caseId));
    }

    /** Each reply's statuses from the first a reply reaches to the last ({@link ReplyStatus#ORDER}), whatever came first. */
    private List<ReplyStatusEntry> replyStatuses(UUID caseId) {
        return getEntityManager().unwrap(Session.class).doReturningWork(connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT s.reply_id, s.status, s.occurred_at, s.error_code"
                    + " FROM case_reply_statuses s JOIN case_replies r ON r.id = s.reply_id WHERE r.case_id = ?"
                    + " ORDER BY s.reply_id, array_position(?, s.status)")) {
                select.setObject(1, caseId);
                select.setArray(2, connection.createArrayOf("varchar", ReplyStatus.ORDER.toArray()));
                List<ReplyStatusEntry> statuses = new ArrayList<>();
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        statuses.add(new ReplyStatusEntry(rows.getObject("reply_id", UUID.class), rows.getString("status"),
                                CaseRows.instant(rows, "occurred_at"), rows.getObject("error_code", Integer.class)));
                    }
                }
                return statuses;
            }
        });
    }

    /** The case that holds a contact, once the contact is stored. */
    public Optional<CitizenCase> caseOfContact(UUID contactId) {
        return Optional.ofNullable(getEntityManager().find(CaseContact.class, contactId)).map(contact -> findById(contact.caseId));
    }

    /** Every case of these citizens, oldest first. */
    public List<CitizenCase> ofCitizens(Collection<String> citizenKeys) {
        return citizenKeys.isEmpty() ? List.of() : list("citizenKey in ?1 order by openedAt, id", citizenKeys);
    }

    /**
     * The open cases of each queue the caller sees: for an operator every queue of their token, even empty; for a
     * supervisor (no visible queues given) every queue that has open cases. {@code now} decides what is overdue.
     */
    public List<QueueLoad> queueLoads(Set<String> visibleQueues, Instant now) {
        String visible = visibleQueues.isEmpty() ? "" : " and c.queue in :visible";
        var query = getEntityManager().createQuery("select c.queue, count(c),"
                + " sum(case when c.assignee is null then 1 else 0 end),"
                + " sum(case when c.priority = :urgent then 1 else 0 end),"
                + " sum(case when c.slaDueAt < :now then 1 else 0 end)"
                + " from CitizenCase c where " + statusIn(CaseStatus.OPEN) + visible + " group by c.queue", Object[].class)
                .setParameter("now", now).setParameter("urgent", Priority.URGENT);
        if (!visibleQueues.isEmpty()) {
            query.setParameter("visible", visibleQueues);
        }
        Map<String, QueueLoad> loads = new TreeMap<>();
        visibleQueues.forEach(queue -> loads.put(queue, new QueueLoad(queue, 0, 0, 0, 0)));
        for (Object[] row : query.getResultList()) {
            loads.put((String) row[0], new QueueLoad((String) row[0], count(row[1]), count(row[2]), count(row[3]), count(row[4])));
        }
        return List.copyOf(loads.values());
    }

    /** The open cases of each operator who has some, by name; {@code now} decides what is overdue. */
    public List<OperatorLoad> operatorLoads(Instant now) {
        return getEntityManager().createQuery("select c.assignee, count(c),"
                + " sum(case when c.priority = :urgent then 1 else 0 end),"
                + " sum(case when c.slaDueAt < :now then 1 else 0 end)"
                + " from CitizenCase c where " + statusIn(CaseStatus.OPEN) + " and c.assignee is not null"
                + " group by c.assignee order by c.assignee", Object[].class)
                .setParameter("now", now).setParameter("urgent", Priority.URGENT).getResultStream()
                .map(row -> new OperatorLoad((String) row[0], count(row[1]), count(row[2]), count(row[3])))
                .toList();
    }

    private static long count(Object value) {
        return value == null ? 0 : ((Number) value).longValue();
    }

    /** The page of cases the filter asks for, in its order; {@code now} decides what is overdue. */
    public CaseFilter.Page search(CaseFilter filter, Instant now) {
        List<String> where = new ArrayList<>();
        Map<String, Object> params = new HashMap<>();
        if (!filter.statuses().isEmpty()) {
            where.add(statusIn(filter.statuses()));
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
            where.add("c.slaDueAt < :now and " + statusIn(CaseStatus.OPEN));
            params.put("now", now);
        }
        String order = switch (filter.order()) {
            case NEWEST -> {
                if (filter.after() != null) {
                    where.add("(c.openedAt < :afterOpened or (c.openedAt = :afterOpened and c.id < :afterId))");
                    params.put("afterOpened", filter.after().openedAt());
                }
                yield " order by c.openedAt desc, c.id desc";
            }
            case DUE -> {
                if (filter.after() != null) {
                    where.add(afterInDueOrder(filter.after(), params));
                }
                // the enum is stored by name, and URGENT sorts after NORMAL: descending puts urgent first
                yield " order by c.priority desc, c.slaDueAt asc nulls last, c.id asc";
            }
        };
        if (filter.after() != null) {
            params.put("afterId", filter.after().id());
        }
        String query = "from CitizenCase c" + (where.isEmpty() ? "" : " where " + String.join(" and ", where)) + order;
        return CaseFilter.Page.of(find(query, params).range(0, filter.limit()).list(), filter.limit());
    }

    /**
     * The statuses written into the query as enum literals, not bound: PostgreSQL's generic plan of a prepared statement
     * can use V20's partial indexes on open cases only when it sees the statuses (measured: 100 ms bound, 0.7 ms written).
     */
    private static String statusIn(Set<CaseStatus> statuses) {
        return statuses.stream().sorted().map(status -> CaseStatus.class.getName() + "." + status.name())
                .collect(Collectors.joining(", ", "c.status in (", ")"));
    }

    /** The cases after the cursor's in the order urgent first, then SLA due time (none last), then id. */
    private static String afterInDueOrder(CaseFilter.Cursor after, Map<String, Object> params) {
        params.put("afterPriority", after.priority());
        String samePriority;
        if (after.slaDueAt() == null) {
            samePriority = "c.slaDueAt is null and c.id > :afterId";
        } else {
            params.put("afterDue", after.slaDueAt());
            samePriority = "c.slaDueAt > :afterDue or c.slaDueAt is null or (c.slaDueAt = :afterDue and c.id > :afterId)";
        }
        String sameAsLast = "(c.priority = :afterPriority and (" + samePriority + "))";
        if (after.priority() == Priority.NORMAL) {
            return sameAsLast;
        }
        params.put("lowerPriority", Priority.NORMAL);
        return "(c.priority = :lowerPriority or " + sameAsLast + ")";
    }
}
