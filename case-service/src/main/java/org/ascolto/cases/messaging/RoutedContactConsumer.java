package org.ascolto.cases.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.ascolto.cases.domain.CaseThreading;
import org.ascolto.cases.domain.CitizenCase;
import org.ascolto.contracts.EventSchema;
import org.ascolto.contracts.RoutedContact;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import io.smallrye.common.annotation.Blocking;

/**
 * Persists routed contacts as cases. The record is acknowledged, and its offset committed, only
 * after the transaction commits; a record that does not validate goes to the DLQ.
 */
@ApplicationScoped
public class RoutedContactConsumer {

    private static final Logger LOG = Logger.getLogger(RoutedContactConsumer.class);

    private final CaseThreading threading;

    public RoutedContactConsumer(CaseThreading threading) {
        this.threading = threading;
    }

    @Incoming("routed")
    @Blocking
    public void consume(byte[] payload) {
        RoutedContact routed = EventSchema.ROUTED_CONTACT.read(payload, RoutedContact.class);
        CitizenCase thread = threading.record(routed);
        LOG.debugf("contact %s is on case %s", routed.contact().contactId(), thread.reference);
    }
}
