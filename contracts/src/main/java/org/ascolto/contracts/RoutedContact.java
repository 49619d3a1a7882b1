package org.ascolto.contracts;

/**
 * A contact with its routing decision: the value of {@link Topics#CONTACTS_ROUTED} once opened (sealed on the topic:
 * {@code schemas/routed-contact.v2.json}).
 * Schema: {@code schemas/routed-contact.v1.json}.
 */
public record RoutedContact(CitizenContact contact, RoutingDecision routing, int schemaVersion) {

    public static final int SCHEMA_VERSION = 1;
    /** CloudEvents type of a routed contact record. */
    public static final String EVENT_TYPE = "crm.contact.routed.v1";

    public RoutedContact(CitizenContact contact, RoutingDecision routing) {
        this(contact, routing, SCHEMA_VERSION);
    }
}
