package org.ascolto.email.api;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.ascolto.adapter.WebhookIntake;
import org.ascolto.adapter.WebhookSignature;
import org.ascolto.contracts.CitizenContact;
import org.ascolto.email.config.EmailConfig;
import org.ascolto.email.domain.InboundMail;
import org.ascolto.email.domain.MailNormalizer;
import org.ascolto.email.domain.MailOrigin;
import org.ascolto.email.domain.SkipReason;
import org.ascolto.email.messaging.Bounces;
import org.ascolto.email.messaging.SkippedMail;
import org.jboss.resteasy.reactive.RestHeader;

import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;

/**
 * A city mail server that delivers to a program rather than to a mailbox (a Postfix pipe, a gateway's HTTP hook) posts
 * each message here as it arrived, signed. Automatic mail (vacation notices, bounces, PEC receipts) is accepted and
 * skipped, a bounce of a reply once its failure is told ({@link Bounces}); a message with no single valid sender, or that
 * cannot be read, is refused with 400.
 */
@Path("/api/v1/messages")
public class MailDeliveryResource {

    /** The contacts the message became: none for automatic mail, else one. */
    public record Accepted(int contacts, List<UUID> contactIds) {
    }

    private static final String MAILBOX = "delivered";

    private final WebhookSignature signature;
    private final WebhookIntake intake;
    private final MailNormalizer normalizer;
    private final SkippedMail skipped;
    private final Bounces bounces;

    public MailDeliveryResource(EmailConfig config, WebhookIntake intake, MailNormalizer normalizer, SkippedMail skipped,
            Bounces bounces) {
        this.signature = new WebhookSignature(config.signingSecret());
        this.intake = intake;
        this.normalizer = normalizer;
        this.skipped = skipped;
        this.bounces = bounces;
    }

    /** Answers 202 only once Kafka acknowledged the contact; the mail server keeps the message queued otherwise. */
    @POST
    @Blocking
    @Consumes("message/rfc822")
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<Response> receive(byte[] body, @RestHeader("X-Ascolto-Signature-256") String signatureHeader) throws IOException {
        return intake.accept(body, signatureHeader, signature, this::contacts)
                .map(contacts -> Response.accepted(new Accepted(contacts.size(),
                        contacts.stream().map(CitizenContact::contactId).toList())).build());
    }

    private List<CitizenContact> contacts(byte[] body, Instant receivedAt) {
        InboundMail mail = normalizer.read(body, MailOrigin.delivered(MAILBOX), receivedAt);
        if (mail instanceof InboundMail.Contact contact) {
            return List.of(contact.contact());
        }
        if (mail instanceof InboundMail.Bounced bounce) {
            skipped.count(MAILBOX, SkipReason.BOUNCE);
            bounces.record(List.of(bounce));
            return List.of();
        }
        SkipReason reason = ((InboundMail.Skipped) mail).reason();
        skipped.count(MAILBOX, reason);
        if (reason == SkipReason.SENDER || reason == SkipReason.UNREADABLE) {
            throw new BadRequestException("Not a message Ascolto can answer: " + reason.label());
        }
        return List.of();
    }
}
