package org.ascolto.web.api;

import java.time.Instant;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.ascolto.adapter.ContactPublisher;
import org.ascolto.contracts.CitizenContact;
import org.ascolto.web.domain.ScriviForm;
import org.ascolto.web.domain.ScriviNormalizer;

import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;

/** The Scrivi portal's intake: a form becomes a contact on Kafka before the citizen gets an answer. */
@Path("/api/v1/requests")
public class ScriviResource {

    /** What the portal shows the citizen: the id to quote when asking about the request. */
    public record Accepted(UUID contactId, String status) {
    }

    private final ScriviNormalizer normalizer;
    private final ContactPublisher publisher;

    public ScriviResource(ScriviNormalizer normalizer, ContactPublisher publisher) {
        this.normalizer = normalizer;
        this.publisher = publisher;
    }

    @POST
    @Blocking
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<Response> submit(@NotNull @Valid ScriviForm form,
            @HeaderParam("Idempotency-Key") @Pattern(regexp = "[A-Za-z0-9._:-]{8,128}") String idempotencyKey) {
        CitizenContact contact = normalizer.normalize(form, idempotencyKey != null ? idempotencyKey : UUID.randomUUID().toString(),
                Instant.now());
        return (idempotencyKey != null ? publisher.publishIdempotent(contact) : publisher.publish(contact))
                .replaceWith(() -> Response.accepted(new Accepted(contact.contactId(), "accepted")).build());
    }
}
