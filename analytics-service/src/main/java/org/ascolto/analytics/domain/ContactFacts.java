package org.ascolto.analytics.domain;

import java.time.Instant;
import java.util.UUID;

/** What analytics keeps of a contact: its id, channel, time and pseudonymous citizen key; never names, addresses or text. */
public record ContactFacts(UUID contactId, String channel, Instant occurredAt, String citizenKey) {

    /** These facts, at {@code latest} when they say later: no contact occurs after it was received. */
    public ContactFacts noLaterThan(Instant latest) {
        return occurredAt.isAfter(latest) ? new ContactFacts(contactId, channel, latest, citizenKey) : this;
    }
}
