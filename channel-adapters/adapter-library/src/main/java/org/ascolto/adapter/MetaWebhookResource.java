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
        return intake.accept(body, signatureHeader, signature, normalizer).chain(() -> receipts(body))
                .replaceWith(() -> Response.ok().build());
    }

    /**
     * What the channel does with the delivery receipts of an authentic notification whose contacts Kafka acknowledged;
     * Meta retries the notification unless it succeeds. None by default.
     */
    protected Uni<Void> receipts(byte[] body) {
        return Uni.createFrom().voidItem();
    }
}
