package org.ascolto.adapter;

import java.util.Set;

import org.ascolto.contracts.Reply;

/**
 * How an adapter that answers citizens sends the replies of its channels: {@link ReplyConsumer} hands it each valid
 * reply record of those channels, one at a time in each partition's order.
 */
public interface ReplySending {

    /** The channels whose replies this adapter sends; replies for other channels are their adapters' business. */
    Set<String> channels();

    /** Sends the reply once, whatever Kafka redelivers (it claims the reply id first), or records why it could not. */
    void send(Reply reply);
}
