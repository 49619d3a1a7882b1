package org.ascolto.analytics;

import java.time.Instant;

import org.ascolto.contracts.CitizenContact;

/** Test contacts of analytics: the same contact as if written at another moment. */
public final class TestContacts {

    private TestContacts() {
    }

    public static CitizenContact at(CitizenContact c, Instant occurredAt) {
        return new CitizenContact(c.contactId(), c.channel(), c.externalId(), occurredAt, occurredAt, c.citizen(), c.subject(),
                c.text(), c.language(), c.location(), c.attachments(), c.conversationRef(), c.metadata(), c.schemaVersion());
    }
}
