package org.ascolto.analytics.domain;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The recent contacts of one citizen key: enough to recognize a redelivered contact and to
 * place a new one in the citizen's journey. Holds ids, channels and times only.
 */
public record CitizenHistory(List<Entry> entries) {

    public static final CitizenHistory EMPTY = new CitizenHistory(List.of());

    public record Entry(UUID contactId, String channel, long occurredAtMillis) {
    }

    public CitizenHistory {
        entries = List.copyOf(entries);
    }

    public boolean contains(UUID contactId) {
        return entries.stream().anyMatch(e -> e.contactId().equals(contactId));
    }

    /** The contact's place in the journey, from the latest earlier contact within the window. */
    public Journey journeyOf(ContactFacts contact, Duration window) {
        long at = contact.occurredAt().toEpochMilli();
        long since = at - window.toMillis();
        Entry latest = null;
        for (Entry e : entries) {
            if (e.occurredAtMillis() >= since && e.occurredAtMillis() <= at
                    && (latest == null || e.occurredAtMillis() >= latest.occurredAtMillis())) {
                latest = e;
            }
        }
        if (latest == null) {
            return Journey.FIRST;
        }
        return new Journey(true, latest.channel().equals(contact.channel()) ? null : latest.channel());
    }

    /** This history with the contact added and every contact older than {@code keepFromMillis} forgotten. */
    public CitizenHistory with(ContactFacts contact, long keepFromMillis) {
        List<Entry> kept = new ArrayList<>(entries.size() + 1);
        for (Entry e : entries) {
            if (e.occurredAtMillis() >= keepFromMillis) {
                kept.add(e);
            }
        }
        kept.add(new Entry(contact.contactId(), contact.channel(), contact.occurredAt().toEpochMilli()));
        return new CitizenHistory(kept);
    }
}
