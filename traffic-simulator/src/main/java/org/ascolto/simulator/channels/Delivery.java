package org.ascolto.simulator.channels;

import java.net.URI;
import java.util.Map;
import java.util.UUID;

import org.ascolto.contracts.ContactIds;
import org.ascolto.simulator.traffic.Contact;

/**
 * One HTTP request to an adapter, kept byte for byte so that it can be delivered again, as Meta and Amazon Connect do.
 * {@code externalId} is the channel's id of the message (wamid, mid, comment id, CTR ContactId, portal submission).
 */
public record Delivery(Contact contact, String externalId, URI uri, Map<String, String> headers, byte[] body) {

    /** The contact id every adapter derives from the channel and its message id. */
    public UUID contactId() {
        return ContactIds.of(contact.channel().id, externalId);
    }
}
