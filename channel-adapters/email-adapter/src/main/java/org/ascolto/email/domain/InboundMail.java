package org.ascolto.email.domain;

import org.ascolto.contracts.CitizenContact;

/** What one message that reached a city mailbox is for Ascolto: a citizen's contact, or a message skipped for a reason. */
public sealed interface InboundMail {

    record Contact(CitizenContact contact) implements InboundMail {
    }

    record Skipped(SkipReason reason) implements InboundMail {
    }
}
