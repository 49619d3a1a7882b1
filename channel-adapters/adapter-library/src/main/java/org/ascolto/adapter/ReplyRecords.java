package org.ascolto.adapter;

import java.io.IOException;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.ascolto.contracts.EventJson;
import org.ascolto.contracts.Reply;
import org.ascolto.keyring.SealedRecords;
import org.ascolto.support.kafka.DeadLetterCounter;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

/**
 * The records of {@code crm.replies.v2} an adapter that answers citizens reads, opened: the reply, or nothing once a
 * record that does not validate went to the DLQ with its reason (counted like every dead letter), so it never stops the
 * consumer, or when its citizen was erased (counted in {@code ascolto_erased_records_total}: nothing to send to anyone).
 * A record that names another channel in clear is left unopened: its citizen's words and address are that channel's
 * adapter's to read, and its to set aside if it does not validate.
 */
@ApplicationScoped
public class ReplyRecords {

    private final Producer<String, byte[]> producer;
    private final DeadLetterCounter deadLetters;
    private final SealedRecords sealed;

    public ReplyRecords(Producer<String, byte[]> producer, DeadLetterCounter deadLetters, SealedRecords sealed) {
        this.producer = producer;
        this.deadLetters = deadLetters;
        this.sealed = sealed;
    }

    /** The reply of the record if it is one for these channels; replies for other channels are their adapters' business. */
    public Optional<Reply> forChannels(ConsumerRecord<String, byte[]> record, Set<String> channels) {
        Optional<String> named = channelInClear(record.value());
        if (named.isPresent() && !channels.contains(named.get())) {
            return Optional.empty();
        }
        return deadLetters.openOrSetAside(producer, record, sealed::openReply)
                .filter(reply -> channels.contains(reply.channel()));
    }

    /**
     * The channel a record names in its clear fields, read without building it: nothing when it names none plainly (no
     * JSON object, no channel, a channel that is no string, or two channels), and the record is then opened to tell.
     */
    static Optional<String> channelInClear(byte[] value) {
        if (value == null) {
            return Optional.empty();
        }
        try (JsonParser parser = EventJson.mapper().getFactory().createParser(value)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return Optional.empty();
            }
            String channel = null;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                boolean isChannel = "channel".equals(parser.currentName());
                JsonToken token = parser.nextToken();
                if (!isChannel) {
                    parser.skipChildren();
                } else if (token != JsonToken.VALUE_STRING || channel != null) {
                    return Optional.empty();
                } else {
                    channel = parser.getText();
                }
            }
            return Optional.ofNullable(channel);
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
