package org.ascolto.adapter;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import org.ascolto.contracts.CitizenContact;

/**
 * The contacts Kafka acknowledged most recently, by id and content, so a redelivered webhook is not
 * published again while a changed one (an updated call record) still is. Bounded: the oldest are forgotten,
 * and a forgotten duplicate is only published again, which consumers tolerate (they are idempotent on the id).
 */
public final class AcknowledgedContacts {

    private final Map<UUID, Integer> contents;

    public AcknowledgedContacts(int capacity) {
        this.contents = new LinkedHashMap<>(capacity, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<UUID, Integer> eldest) {
                return size() > capacity;
            }
        };
    }

    public synchronized boolean contains(CitizenContact contact) {
        Integer content = contents.get(contact.contactId());
        return content != null && content == content(contact);
    }

    /** Whether a contact of this id was acknowledged with other content: an idempotency key reused for another request. */
    public synchronized boolean conflicts(CitizenContact contact) {
        Integer content = contents.get(contact.contactId());
        return content != null && content != content(contact);
    }

    public synchronized void add(CitizenContact contact) {
        contents.put(contact.contactId(), content(contact));
    }

    /** What the citizen said, without the moments a resubmitted form or a redelivered webhook happened to carry. */
    private static int content(CitizenContact contact) {
        return Objects.hash(contact.externalId(), contact.citizen(), contact.subject(),
                contact.text(), contact.location(), contact.attachments(), contact.conversationRef(), contact.metadata());
    }
}
