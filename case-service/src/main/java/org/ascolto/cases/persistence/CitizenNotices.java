package org.ascolto.cases.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.ascolto.cases.config.CaseConfig;
import org.ascolto.cases.domain.CaseThreading;
import org.ascolto.cases.domain.CitizenCase;
import org.ascolto.cases.domain.Notices;
import org.ascolto.contracts.CitizenContact;
import org.ascolto.contracts.Reply;

/**
 * Tells citizens how their cases go ({@link Notices}) unless they opted out, and keeps who opted out, by citizen key
 * (table {@code notice_opt_outs}): a citizen opts out by answering a stop word on their channel, and back in with a start
 * word; an operator sets it for them. A notice is raised on its case as a reply, so it joins the case events, and is
 * written with the case's change, to the timeline and the outbox of {@code crm.replies.v2} ({@link CaseRows#insertNotices}).
 */
@ApplicationScoped
public class CitizenNotices {

    /** Who opted out a citizen who said a stop word. */
    static final String BY_CITIZEN = "citizen";

    private final CaseConfig.Notices config;
    private final Notices.Templates templates;

    public CitizenNotices(CaseConfig config) {
        this.config = config.notices();
        this.templates = new Notices.Templates(this.config.channels(), this.config.templates(), this.config.defaultLanguage());
    }

    /**
     * For a batch of intake: records the stop and start words its contacts say (the last of a citizen's counts), then
     * raises on each case the batch opened its receipt, addressed to its newest contact; answers them.
     */
    List<Reply> receipts(Connection connection, Collection<CitizenCase> opened, List<CaseThreading.Placed> placed, Instant at)
            throws SQLException {
        Map<String, Boolean> said = new LinkedHashMap<>();
        Map<UUID, CaseThreading.Placed> newest = new HashMap<>();
        for (CaseThreading.Placed each : placed) {
            CitizenContact contact = each.received().routed().contact();
            if (Notices.says(contact.text(), config.stopWords())) {
                said.put(each.received().citizenKey(), true);
            } else if (Notices.says(contact.text(), config.startWords())) {
                said.put(each.received().citizenKey(), false);
            }
            newest.merge(each.caseId(), each, (a, b) -> b.received().routed().contact().occurredAt()
                    .isAfter(a.received().routed().contact().occurredAt()) ? b : a);
        }
        for (Map.Entry<String, Boolean> word : said.entrySet()) {
            optOut(connection, word.getKey(), word.getValue(), BY_CITIZEN, at);
        }
        if (opened.isEmpty()) {
            return List.of();
        }
        Set<String> optedOut = optedOut(connection, opened.stream().map(c -> c.citizenKey).toList());
        List<Reply> receipts = new ArrayList<>();
        for (CitizenCase c : opened) {
            if (optedOut.contains(c.citizenKey)) {
                continue;
            }
            CaseThreading.Placed first = newest.get(c.id);
            Notices.to(c, first.received().routed().contact(), first.received().routed().routing().language(), Reply.NOTICE_OPENED,
                    templates, at).ifPresent(receipt -> {
                        raise(c, receipt);
                        receipts.add(receipt);
                    });
        }
        return receipts;
    }

    /**
     * The notice of {@code kind} to the citizen of the case's newest contact, raised on the case, unless they opted out or
     * that contact's channel takes no notices.
     */
    Optional<Reply> notice(Connection connection, CitizenCase c, CaseContact newest, String kind, Instant at) throws SQLException {
        if (!optedOut(connection, List.of(c.citizenKey)).isEmpty()) {
            return Optional.empty();
        }
        Optional<Reply> notice = Notices.to(c, newest.contact(), newest.language, kind, templates, at);
        notice.ifPresent(n -> raise(c, n));
        return notice;
    }

    private static void raise(CitizenCase c, Reply notice) {
        c.replied(notice.replyId(), notice.channel(), notice.author(), notice.createdAt());
    }

    /** Opts the citizen out of notices ({@code optOut}), or back in; answers whether that changed anything. */
    static boolean optOut(Connection connection, String citizenKey, boolean optOut, String by, Instant at) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(optOut
                ? "INSERT INTO notice_opt_outs (citizen_key, opted_out_at, opted_out_by) VALUES (?, ?, ?) ON CONFLICT DO NOTHING"
                : "DELETE FROM notice_opt_outs WHERE citizen_key = ?")) {
            statement.setString(1, citizenKey);
            if (optOut) {
                statement.setObject(2, CaseRows.timestamp(at));
                statement.setString(3, by);
            }
            return statement.executeUpdate() == 1;
        }
    }

    /** Those of these citizens who opted out of notices. */
    static Set<String> optedOut(Connection connection, Collection<String> citizenKeys) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT citizen_key FROM notice_opt_outs WHERE citizen_key = any(?)")) {
            select.setArray(1, connection.createArrayOf("varchar", citizenKeys.toArray()));
            Set<String> optedOut = new HashSet<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    optedOut.add(rows.getString(1));
                }
            }
            return optedOut;
        }
    }
}
