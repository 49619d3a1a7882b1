package org.ascolto.cases.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.hibernate.Session;

/**
 * Operators' category corrections, and the labelled examples they make for the routing model: each contact of a
 * corrected case (received up to the correction) with the case's latest corrected category. The texts are read from
 * the contacts, so a redacted case gives none.
 */
@ApplicationScoped
public class CategoryCorrections {

    /** One labelled message, in the routing corpus's form (a line of its JSON Lines). */
    public record Example(String text, String category, boolean urgent, String language, String channel) {
    }

    private final EntityManager em;

    public CategoryCorrections(EntityManager em) {
        this.em = em;
    }

    /** Records a correction in the transaction of the case's change. */
    static void insert(Connection connection, UUID caseId, String fromCategory, String toCategory, String actor, Instant at)
            throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("insert into category_corrections"
                + " (id, case_id, from_category, to_category, corrected_by, corrected_at) values (?, ?, ?, ?, ?, ?)")) {
            insert.setObject(1, UUID.randomUUID());
            insert.setObject(2, caseId);
            insert.setString(3, fromCategory);
            insert.setString(4, toCategory);
            insert.setString(5, actor);
            insert.setObject(6, CaseRows.timestamp(at));
            insert.executeUpdate();
        }
    }

    /**
     * Every example the corrections make, oldest correction first; in the same transaction, one audit entry per case
     * whose texts were read, under the reader's name, so that nothing is answered that was not recorded.
     */
    @Transactional
    public List<Example> examples(String reader) {
        return em.unwrap(Session.class).doReturningWork(connection -> {
            List<Example> examples = new ArrayList<>();
            Set<UUID> cases = new LinkedHashSet<>();
            try (PreparedStatement select = connection.prepareStatement("select k.case_id, k.to_category, c.subject, c.text,"
                    + " c.urgent, c.language, c.channel"
                    + " from (select distinct on (case_id) case_id, to_category, corrected_at from category_corrections"
                    + "       order by case_id, corrected_at desc) k"
                    + " join case_contacts c on c.case_id = k.case_id and c.received_at <= k.corrected_at"
                    + " where c.text <> '' order by k.corrected_at, c.received_at");
                    ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    String subject = rows.getString("subject");
                    // what routing classified: the subject, when there is one, above the text
                    String text = subject == null ? rows.getString("text") : subject + "\n" + rows.getString("text");
                    examples.add(new Example(text, rows.getString("to_category"), rows.getBoolean("urgent"),
                            rows.getString("language"), rows.getString("channel")));
                    cases.add(rows.getObject("case_id", UUID.class));
                }
            }
            AuditLog.record(connection, reader, AuditLog.CORRECTIONS_READ, cases, "training examples");
            return examples;
        });
    }
}
