package org.ascolto.cases.domain;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The filters of the operator's case list, within the queues the caller sees (empty: every queue), in the order asked
 * for, paged by an opaque cursor that names the last case of the previous page, so pages stay stable while new cases
 * arrive.
 */
public record CaseFilter(Set<CaseStatus> statuses, String category, String queue, String channel, Boolean urgent,
        Instant openedFrom, Instant openedTo, boolean overdue, Order order, Cursor after, int limit, Set<String> visibleQueues) {

    /** How a list is sorted; each order ends with the case id, so every case has one place. */
    public enum Order {
        /** Newest first. */
        NEWEST,
        /** The operator's work: urgent first, then the nearest SLA due time, cases without one last. */
        DUE
    }

    /** One page and the cursor of the next, null on the last page. */
    public record Page(List<CitizenCase> cases, String nextCursor) {

        /** The page of the first {@code limit} cases found, when one more than a page was asked for. */
        public static Page of(List<CitizenCase> found, int limit) {
            if (found.size() <= limit) {
                return new Page(found, null);
            }
            CitizenCase last = found.get(limit - 1);
            return new Page(found.subList(0, limit), new Cursor(last.openedAt, last.priority, last.slaDueAt, last.id).encode());
        }
    }

    /** Where the previous page ended: the last case's values of every sort key (its SLA due time may be null). */
    public record Cursor(Instant openedAt, Priority priority, Instant slaDueAt, UUID id) {

        private static final String NONE = "-";

        public String encode() {
            String plain = openedAt + "|" + priority + "|" + (slaDueAt == null ? NONE : slaDueAt) + "|" + id;
            return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
        }

        /** Decodes a cursor; a malformed one is an {@link IllegalArgumentException}. */
        public static Cursor decode(String encoded) {
            try {
                String[] parts = new String(Base64.getUrlDecoder().decode(encoded), StandardCharsets.UTF_8).split("\\|");
                if (parts.length != 4) {
                    throw new IllegalArgumentException("not four parts");
                }
                return new Cursor(Instant.parse(parts[0]), Priority.valueOf(parts[1]),
                        parts[2].equals(NONE) ? null : Instant.parse(parts[2]), UUID.fromString(parts[3]));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("cursor is not one this service gave out");
            }
        }
    }
}
