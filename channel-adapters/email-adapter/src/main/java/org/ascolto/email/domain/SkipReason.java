package org.ascolto.email.domain;

/** Why a message of a mailbox is not a citizen's contact; the label is the {@code reason} of the skipped counter. */
public enum SkipReason {
    /** An automatic answer: RFC 3834 {@code Auto-Submitted}, a vacation or out-of-office notice. */
    AUTO_REPLY("auto-reply"),
    /** A delivery status notification (RFC 3464), a bounce of a message the city sent. */
    BOUNCE("bounce"),
    /** A PEC receipt ({@code X-Ricevuta}: accettazione, consegna, errors), about a message the city sent. */
    PEC_RECEIPT("pec-receipt"),
    /** No single, valid sender address to answer and to key the citizen by. */
    SENDER("sender"),
    /** Not a message that can be read (broken structure, a body that cannot be decoded). */
    UNREADABLE("unreadable"),
    /** Larger than the adapter fetches ({@code ascolto.email.max-message-bytes}). */
    TOO_LARGE("too-large"),
    /** Read, but what it says does not satisfy the contact contract. */
    INVALID("invalid");

    private final String label;

    SkipReason(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
