package org.ascolto.analytics.streams;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.state.KeyValueStore;
import org.ascolto.contracts.CitizenContact;
import org.ascolto.contracts.EventSchema;
import org.ascolto.contracts.InvalidEventException;
import org.ascolto.contracts.Topics;

/**
 * Contacts per channel, counted once per contact id: the stream is turned into a table keyed
 * by contact id, so a redelivered contact replaces itself instead of counting twice.
 */
public final class ChannelCountTopology {

    public static final String CONTACTS_BY_ID = "contacts-by-id";
    public static final String CONTACTS_PER_CHANNEL = "contacts-per-channel";

    private ChannelCountTopology() {
    }

    public static Topology build() {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(Topics.CONTACTS, Consumed.with(Serdes.String(), Serdes.ByteArray()))
                .flatMap((key, value) -> {
                    try {
                        CitizenContact contact = EventSchema.CITIZEN_CONTACT.read(value, CitizenContact.class);
                        return java.util.List.of(KeyValue.pair(contact.contactId().toString(), contact.channel()));
                    } catch (InvalidEventException e) {
                        // the routing service sends invalid contacts to the DLQ; analytics only skips them
                        return java.util.List.of();
                    }
                })
                .toTable(Materialized.<String, String, KeyValueStore<Bytes, byte[]>>as(CONTACTS_BY_ID)
                        .withKeySerde(Serdes.String()).withValueSerde(Serdes.String()))
                .groupBy((contactId, channel) -> KeyValue.pair(channel, channel), Grouped.with(Serdes.String(), Serdes.String()))
                .count(Materialized.<String, Long, KeyValueStore<Bytes, byte[]>>as(CONTACTS_PER_CHANNEL)
                        .withKeySerde(Serdes.String()).withValueSerde(Serdes.Long()));
        return builder.build();
    }
}
