package org.ascolto.analytics.streams;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.ascolto.analytics.domain.CitizenHistory;

/** A compact binary form of a citizen's recent contacts: it is written once per contact, so its size is throughput. */
final class CitizenHistorySerde {

    private CitizenHistorySerde() {
    }

    static Serde<CitizenHistory> serde() {
        return Serdes.serdeFrom(serializer(), deserializer());
    }

    private static Serializer<CitizenHistory> serializer() {
        return (topic, history) -> {
            List<byte[]> channels = new ArrayList<>(history.entries().size());
            int size = Integer.BYTES;
            for (CitizenHistory.Entry e : history.entries()) {
                byte[] channel = e.channel().getBytes(StandardCharsets.UTF_8);
                channels.add(channel);
                size += 2 * Long.BYTES + Long.BYTES + 1 + channel.length;
            }
            ByteBuffer buffer = ByteBuffer.allocate(size).putInt(history.entries().size());
            for (int i = 0; i < channels.size(); i++) {
                CitizenHistory.Entry e = history.entries().get(i);
                buffer.putLong(e.contactId().getMostSignificantBits()).putLong(e.contactId().getLeastSignificantBits())
                        .putLong(e.occurredAtMillis()).put((byte) channels.get(i).length).put(channels.get(i));
            }
            return buffer.array();
        };
    }

    private static Deserializer<CitizenHistory> deserializer() {
        return (topic, data) -> {
            ByteBuffer buffer = ByteBuffer.wrap(data);
            int count = buffer.getInt();
            List<CitizenHistory.Entry> entries = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                UUID contactId = new UUID(buffer.getLong(), buffer.getLong());
                long occurredAt = buffer.getLong();
                byte[] channel = new byte[buffer.get()];
                buffer.get(channel);
                entries.add(new CitizenHistory.Entry(contactId, new String(channel, StandardCharsets.UTF_8), occurredAt));
            }
            return new CitizenHistory(entries);
        };
    }
}
