package org.ascolto.phone.api;

import java.io.IOException;
import java.util.List;
import java.util.UUID;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.ascolto.adapter.WebhookIntake;
import org.ascolto.adapter.WebhookSignature;
import org.ascolto.contracts.CitizenContact;
import org.ascolto.phone.config.PhoneConfig;
import org.ascolto.phone.domain.ContactTraceRecords;
import org.jboss.resteasy.reactive.RestHeader;

import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;

/** The contact center's call records: one Amazon Connect CTR, a JSON array of them, or NDJSON. */
@Path("/api/v1/contact-records")
public class ContactRecordResource {

    /** The contacts the records became: inbound calls only, one per ContactId. */
    public record Accepted(int contacts, List<UUID> contactIds) {
    }

    private final WebhookSignature signature;
    private final WebhookIntake intake;
    private final ContactTraceRecords records;

    public ContactRecordResource(PhoneConfig config, WebhookIntake intake, ContactTraceRecords records) {
        this.signature = new WebhookSignature(config.signingSecret());
        this.intake = intake;
        this.records = records;
    }

    /** Answers 202 only once Kafka acknowledged every contact; the contact center retries anything else. */
    @POST
    @Blocking
    @Consumes({ MediaType.APPLICATION_JSON, "application/x-ndjson" })
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<Response> receive(byte[] body, @RestHeader("X-Ascolto-Signature-256") String signatureHeader) throws IOException {
        return intake.accept(body, signatureHeader, signature, records::contacts)
                .map(contacts -> Response.accepted(new Accepted(contacts.size(),
                        contacts.stream().map(CitizenContact::contactId).toList())).build());
    }
}
