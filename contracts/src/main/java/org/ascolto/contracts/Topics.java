package org.ascolto.contracts;

/** Kafka topic names of the platform; the {@code .vN} suffix is the contract version. */
public final class Topics {

    /** Normalized citizen contacts from every channel, their personal fields sealed, keyed by citizen key. */
    public static final String CONTACTS = "crm.contacts.v2";
    /** Contacts with their routing decision, their personal fields sealed, keyed by citizen key. */
    public static final String CONTACTS_ROUTED = "crm.contacts.routed.v2";
    /** Case lifecycle CloudEvents, keyed by case id. */
    public static final String CASE_EVENTS = "crm.case-events.v1";
    /** Records that could not be processed, with the reason in headers. */
    public static final String CONTACTS_DLQ = "crm.contacts.dlq.v1";
    /** Operators' replies to send on the citizen's channel, their personal fields sealed, keyed by case id. */
    public static final String REPLIES = "crm.replies.v2";
    /** What became of each reply on its channel (sent, delivered, read, failed), keyed by case id. */
    public static final String REPLY_STATUSES = "crm.reply-statuses.v1";
    /** Citizens a data-protection officer erased, keyed by citizen key: every service erases its own copies. */
    public static final String ERASURES = "crm.erasures.v1";

    private Topics() {
    }
}
