package org.ascolto.adapter;

import java.io.IOException;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestQuery;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/**
 * Meta's webhook protocol, shared by WhatsApp, Messenger and Instagram: the subscription handshake on GET and
 * notifications signed with {@code X-Hub-Signature-256} on POST. A channel's resource extends it with its
 * {@code @Path} and normalizer.
 */
public abstract class MetaWebhookResource {

    private final String verifyToken;
    private final WebhookSignature signature;
    private final WebhookIntake intake;
    private final WebhookIntake.Normalizer normalizer;

    protected MetaWebhookResource(String verifyToken, String appSecret, WebhookIntake intake, WebhookIntake.Normalizer normalizer) {
        this.verifyToken = verifyToken;
        this.signature = new WebhookSignature(appSecret);
        this.intake = intake;
        this.normalizer = normalizer;
    }

    @GET
    public Response verify(@RestQuery("hub.mode") String mode, @RestQuery("hub.verify_token") String token,
            @RestQuery("hub.challenge") String challenge) {
        return VerificationHandshake.answer(mode, token, challenge, verifyToken);
    }

    /**
     * Answers 200 only once Kafka acknowledged every contact in the notification; Meta retries anything else. Runs on the
     * event loop: checking, parsing and normalizing a notification never blocks, and the publisher sends from a worker.
     */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Response> receive(byte[] body, @RestHeader("X-Hub-Signature-256") String signatureHeader) throws IOException {
        return intake.accept(body, signatureHeader, signature, normalizer).chain(() -> receiptsOrFailure(body))
                .replaceWith(() -> Response.ok().build());
    }

    /**
     * Reading the receipts never blocks, and a notification without any is not parsed again; recording them blocks (the
     * database, Kafka): on a worker, only when there are some. Meta retries the notification unless it succeeds.
     */
    private Uni<Void> receiptsOrFailure(byte[] body) {
        try {
            return receipts(body);
        } catch (IOException e) {
            return Uni.createFrom().failure(e); // the contacts' normalizer read the same bytes first, so this does not happen
        }
    }

    private Uni<Void> receipts(byte[] body) throws IOException {
        Runnable recording = receiptsOf(body);
        if (recording == null) {
            return Uni.createFrom().voidItem();
        }
        return Uni.createFrom().voidItem().invoke(recording).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    /**
     * The blocking work of recording the delivery receipts of our replies in an authentic notification whose contacts
     * Kafka acknowledged, read without blocking; null when it has none (the default: a channel that sends no replies).
     */
    protected Runnable receiptsOf(byte[] body) throws IOException {
        return null;
    }
}
