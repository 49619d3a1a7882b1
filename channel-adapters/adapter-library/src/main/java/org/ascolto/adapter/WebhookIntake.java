package org.ascolto.adapter;

import java.io.IOException;
import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response.Status;

import org.ascolto.contracts.CitizenContact;

import io.smallrye.mutiny.Uni;

/**
 * The path of every signed webhook: check the signature over the raw bytes, normalize them into
 * contacts, publish them all, and only then let the resource answer 2xx.
 */
@ApplicationScoped
public class WebhookIntake {

    /** Reads the raw body of one request into the contacts it carries; malformed JSON is a {@code JsonProcessingException}. */
    @FunctionalInterface
    public interface Normalizer {
        List<CitizenContact> contacts(byte[] body, Instant receivedAt) throws IOException;
    }

    private final ContactPublisher publisher;

    public WebhookIntake(ContactPublisher publisher) {
        this.publisher = publisher;
    }

    /** The contacts of an authentic request once Kafka acknowledged them; 401 when the signature does not match. */
    public Uni<List<CitizenContact>> accept(byte[] body, String signatureHeader, WebhookSignature signature, Normalizer normalizer)
            throws IOException {
        if (!signature.verifies(signatureHeader, body)) {
            throw new WebApplicationException("Missing or wrong signature of the request body", Status.UNAUTHORIZED);
        }
        List<CitizenContact> contacts = normalizer.contacts(body, Instant.now());
        return publisher.publishAll(contacts).replaceWith(contacts);
    }
}
