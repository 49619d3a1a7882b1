package org.ascolto.email.domain;

import java.util.List;

import org.ascolto.contracts.CitizenContact;

/**
 * What one message that reached a city mailbox is for Ascolto: a citizen's contact, a bounce of a message the city sent,
 * or a message skipped for a reason.
 */
public sealed interface InboundMail {

    record Contact(CitizenContact contact) implements InboundMail {
    }

    record Skipped(SkipReason reason) implements InboundMail {
    }

    /**
     * A delivery status notification that a message the city sent could not be delivered: the Message-IDs it refers
     * to, and the SMTP reply code of the failure (0 when the report gives none).
     */
    record Bounced(List<String> messageIds, int smtpCode) implements InboundMail {
    }
}
