package org.ascolto.simulator.channels;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.ascolto.contracts.ContactIds;
import org.ascolto.simulator.traffic.Channel;
import org.ascolto.simulator.traffic.Contact;

/**
 * One HTTP request to an adapter, kept byte for byte so that it can be delivered again, as Meta and Amazon Connect do.
 * It carries one contact, or the contact center's records of several calls in one batch, as its stream delivers them.
 * {@code externalIds} are the channel's ids of the messages (wamid, mid, comment id, CTR ContactId, portal submission),
 * one per contact.
 */
public record Delivery(List<Contact> contacts, List<String> externalIds, URI uri, Map<String, String> headers, byte[] body) {

    public Delivery {
        if (contacts.isEmpty() || contacts.size() != externalIds.size()) {
            throw new IllegalArgumentException("a delivery carries at least one contact, each with its external id");
        }
        contacts = List.copyOf(contacts);
        externalIds = List.copyOf(externalIds);
    }

    /** Every contact of one delivery comes from the same channel. */
    public Channel channel() {
        return contacts.get(0).channel();
    }

    /** The contact ids every adapter derives from the channel and its message ids. */
    public List<UUID> contactIds() {
        return externalIds.stream().map(externalId -> ContactIds.of(channel().id, externalId)).toList();
    }
}
