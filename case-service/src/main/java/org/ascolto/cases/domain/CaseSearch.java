package org.ascolto.cases.domain;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The filters of the operator's case list; newest cases first, paged by an opaque cursor that
 * names the last case of the previous page, so pages stay stable while new cases arrive.
 */
public record CaseSearch(Set<CaseStatus> statuses, String category, String queue, String channel, Boolean urgent,
        Instant openedFrom, Instant openedTo, boolean overdue, Cursor after, int limit) {

    /** One page and the cursor of the next, null on the last page. */
    public record Page(List<CitizenCase> cases, String nextCursor) {
    }

    public Page run(Instant now) {
        List<String> where = new ArrayList<>();
        Map<String, Object> params = new HashMap<>();
        if (!statuses.isEmpty()) {
            where.add("c.status in :statuses");
            params.put("statuses", statuses);
        }
        if (category != null) {
            where.add("c.category = :category");
            params.put("category", category);
        }
        if (queue != null) {
            where.add("c.queue = :queue");
            params.put("queue", queue);
        }
        if (channel != null) {
            where.add("exists (select 1 from CaseContact k where k.caseId = c.id and k.channel = :channel)");
            params.put("channel", channel);
        }
        if (urgent != null) {
            where.add("c.priority = :priority");
            params.put("priority", urgent ? Priority.URGENT : Priority.NORMAL);
        }
        if (openedFrom != null) {
            where.add("c.openedAt >= :from");
            params.put("from", openedFrom);
        }
        if (openedTo != null) {
            where.add("c.openedAt < :to");
            params.put("to", openedTo);
        }
        if (overdue) {
            where.add("c.slaDueAt < :now and c.status in :working");
            params.put("now", now);
            params.put("working", CaseStatus.OPEN);
        }
        if (after != null) {
            where.add("(c.openedAt < :afterOpened or (c.openedAt = :afterOpened and c.id < :afterId))");
            params.put("afterOpened", after.openedAt());
            params.put("afterId", after.id());
        }
        String query = "from CitizenCase c" + (where.isEmpty() ? "" : " where " + String.join(" and ", where))
                + " order by c.openedAt desc, c.id desc";
        List<CitizenCase> found = CitizenCase.<CitizenCase>find(query, params).range(0, limit).list();
        List<CitizenCase> page = found.size() > limit ? found.subList(0, limit) : found;
        String next = found.size() > limit ? new Cursor(page.get(limit - 1).openedAt, page.get(limit - 1).id).encode() : null;
        return new Page(page, next);
    }

    /** Where the previous page ended. */
    public record Cursor(Instant openedAt, UUID id) {

        public String encode() {
            String plain = openedAt + "|" + id;
            return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
        }

        /** Decodes a cursor; a malformed one is an {@link IllegalArgumentException}. */
        public static Cursor decode(String encoded) {
            try {
                String[] parts = new String(Base64.getUrlDecoder().decode(encoded), StandardCharsets.UTF_8).split("\\|");
                return new Cursor(Instant.parse(parts[0]), UUID.fromString(parts[1]));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("cursor is not one this service gave out");
            }
        }
    }
}
