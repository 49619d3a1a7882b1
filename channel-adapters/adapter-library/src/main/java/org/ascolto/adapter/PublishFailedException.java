package org.ascolto.adapter;

/** Kafka did not acknowledge a contact in time: the request is refused so the sender retries. */
public class PublishFailedException extends RuntimeException {

    public PublishFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
