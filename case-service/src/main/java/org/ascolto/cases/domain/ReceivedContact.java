package org.ascolto.cases.domain;

import java.util.UUID;

import org.ascolto.contracts.RoutedContact;

/**
 * A routed contact as consumed: the record, the JSON it arrived as (stored as it is, for replay and
 * audit), and the {@code traceparent} that the case events it causes carry, continuing its trace.
 */
public record ReceivedContact(RoutedContact routed, byte[] json, String traceparent) {

    public UUID contactId() {
        return routed.contact().contactId();
    }

    public String citizenKey() {
        return routed.contact().citizen().key();
    }
}
